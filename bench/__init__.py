"""Benchmarks (not tests): `python -m bench` runs every section (each bench/<name>.py with a `main(argv)`), each
writing its own results file under bench/results/; `python -m bench <name> [args]` runs one section."""
