"""Python mirror of the TypeScript engine's task format and RNG (src/core/rng, src/core/tasks/arith).

Byte-identical by construction and by test: tests/test_golden.py checks it against the fixtures the
TypeScript side writes (`npm run golden`)."""
