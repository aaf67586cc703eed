#!/bin/sh
# run-fuzz.sh SOURCE_ROOT BUILD_ROOT [SECONDS]
#
# Builds tests/fuzz/fuzz-import with clang (-fsanitize=fuzzer,address,undefined)
# in a build directory of its own, then runs it for a bounded time on a corpus
# seeded with the hostile files and the examples. Exit 77 (skipped) only when
# clang or its libFuzzer runtime is not installed.
set -eu

src=$1
build=$2
seconds=${3:-60}
dir=$build/fuzz-clang

if ! command -v clang >/dev/null 2>&1; then
  echo "clang is not installed: fuzzing skipped"
  exit 77
fi
if ! echo 'int LLVMFuzzerTestOneInput (const char *d, unsigned long n) { return 0; }' |
     clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then
  echo "clang cannot link libFuzzer (libclang-rt-14-dev missing?): fuzzing skipped"
  exit 77
fi

if [ ! -f "$dir/build.ninja" ]; then
  CC=clang CFLAGS="-fsanitize=fuzzer-no-link" \
    meson setup "$dir" "$src" -Db_sanitize=address,undefined -Db_lundef=false \
      --buildtype=debugoptimized >"$build/fuzz-clang-setup.log" 2>&1 ||
    { cat "$build/fuzz-clang-setup.log"; exit 1; }
fi
meson compile -C "$dir" fuzz-import

corpus=$dir/corpus
mkdir -p "$corpus"
for f in "$src"/tests/hostile/*.json "$src"/data/examples/*.json; do
  [ -f "$f" ] || continue
  # The corpus stays small: libFuzzer's -max_len would cut big files anyway.
  [ "$(wc -c <"$f")" -le 65536 ] && cp "$f" "$corpus/" || true
done

# LeakSanitizer needs ptrace, which some CI containers forbid: leaks are
# left to valgrind runs of the test suites; memory errors stop the fuzzer.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export GSETTINGS_BACKEND=memory
cd "$dir"
exec ./tests/fuzz/fuzz-import -max_total_time="$seconds" -max_len=65536 -timeout=30 \
  -rss_limit_mb=2048 -print_final_stats=1 "$corpus"
