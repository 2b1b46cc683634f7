"""kdquiz's benchmarks: `python -m bench.run [--quick]` prints one ratio table per budget.

Every figure is compared with a baseline measured in the same run, because the machines these run
on are noisy; absolute figures are printed beside the ratios for context. See docs/benchmarks.md.
"""
