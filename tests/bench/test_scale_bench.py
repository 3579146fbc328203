"""The scale benchmark's arithmetic (the benchmark itself is not a test)."""
import scale_bench


def test_marginal_rates_leave_out_the_fixed_start_up():
    """A build with 3 s of start-up and 5 ms per article: 1,000 articles at 125/s
    overall, but 200/s added between sizes, at every size."""
    rows = [{"articles": n, "build": {"wall_seconds": 3 + n * 0.005}} for n in (1000, 10000, 100000)]
    rates = scale_bench.marginal_rates(rows)
    assert [(a, b) for a, b, _ in rates] == [(1000, 10000), (10000, 100000)]
    assert all(abs(rate - 200) < 1e-6 for _, _, rate in rates)
    assert rows[0]["articles"] / rows[0]["build"]["wall_seconds"] == 125
