#!/usr/bin/env bash
# The whole test suite: set up, build, start a local PostgreSQL, run every test (unit, store and API tests on
# SQLite and PostgreSQL, the public grading cases), and stop the server. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

XEPLOAI_TEST_PG=$(scripts/pg-test-server.sh start)
export XEPLOAI_TEST_PG
# Tests that need PostgreSQL fail (rather than skip) when it is missing here.
export XEPLOAI_REQUIRE_PG=1
export XEPLOAI_REQUIRE_READERS=1  # document and import tests fail (rather than skip) without poppler or LibreOffice
trap 'scripts/pg-test-server.sh stop' EXIT
echo "test: PostgreSQL at $XEPLOAI_TEST_PG"

status=0
ctest --preset default -j "$(nproc)" || status=1

echo "test: public grading cases (../shared/grading/cases)"
cases_dir=${XEPLOAI_CASES:-../shared/grading/cases}
if [ -d "$cases_dir" ]; then
  python3 ../shared/grading/check_cases.py build/xeploai "$cases_dir" || status=1
else
  echo "test: $cases_dir not found, public cases not run"
fi
python3 ../shared/grading/check_cases.py build/xeploai tests/cases || status=1  # the engine's own golden cases
echo "test: browser tests (tests/e2e: playwright-core with Debian's chromium)"
(cd tests/e2e && npm test) || status=1
exit $status
