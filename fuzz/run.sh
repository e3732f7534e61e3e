#!/usr/bin/env bash
# Fuzz the batch parser with libFuzzer: fuzz/run.sh [SECONDS] (default 300). Builds fuzz/build/batch_parser_fuzz
# with clang++, seeds the corpus from the golden cases, keeps new inputs in fuzz/corpus/ (minimized at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
out=fuzz/build
mkdir -p "$out" fuzz/corpus
# The embedded rulesets: reuse a configured build's generated file, or configure one for it.
gen=$(ls build-*/generated/embedded_files.cpp build/generated/embedded_files.cpp 2>/dev/null | head -1 || true)
if [ -z "$gen" ]; then
  cmake -S . -B "$out/cmake" -G Ninja -DXEPLOAI_BUILD_TESTS=OFF -DXEPLOAI_BUILD_BENCH=OFF >/dev/null
  cmake --build "$out/cmake" --target xeploai_util >/dev/null
  gen="$out/cmake/generated/embedded_files.cpp"
fi
if [ ! -x "$out/batch_parser_fuzz" ] || [ -n "$(find src/batch src/domain rulesets fuzz/batch_parser_fuzz.cpp -newer "$out/batch_parser_fuzz" 2>/dev/null)" ]; then
  clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc \
    fuzz/batch_parser_fuzz.cpp src/batch/*.cpp src/domain/*.cpp src/util/error.cpp "$gen" -o "$out/batch_parser_fuzz"
fi
seed=$(mktemp -d)
trap 'rm -rf "$seed"' EXIT
i=0
for f in tests/cases/*.json ../shared/grading/cases/*.json; do
  [ -f "$f" ] || continue
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["batch"], ensure_ascii=False))' "$f" > "$seed/case$i.json"
  i=$((i + 1))
done
"$out/batch_parser_fuzz" -max_total_time="$seconds" -max_len=8192 -timeout=5 -rss_limit_mb=2048 \
  -dict=fuzz/batch.dict fuzz/corpus "$seed"
# Keep the corpus small: only inputs that add coverage.
mkdir -p "$out/min"
"$out/batch_parser_fuzz" -merge=1 "$out/min" fuzz/corpus >/dev/null 2>&1
rm -rf fuzz/corpus && mv "$out/min" fuzz/corpus
echo "fuzz: $(ls fuzz/corpus | wc -l) corpus files kept in fuzz/corpus"
