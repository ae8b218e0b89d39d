"""Runs training/tests with unittest and writes {"passed": N, "failed": N} for `npm test`'s summary.

Usage: /usr/bin/python3 training/run_tests.py [--json OUT]. A skipped test counts as failed: nothing
passes by not running."""

import argparse
import json
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json")
    args = parser.parse_args()
    suite = unittest.defaultTestLoader.discover(str(HERE / "tests"), top_level_dir=str(HERE))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    if args.json:
        Path(args.json).write_text(json.dumps({"passed": passed, "failed": failed + len(result.skipped)}))
    return 0 if failed == 0 and not result.skipped else 1


if __name__ == "__main__":
    sys.exit(main())
