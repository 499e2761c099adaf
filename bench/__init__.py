"""The benchmarks (``make bench``: warm latency, web throughput, Lambda cold start, each beside a baseline
measured in the same run), the load test (``make loadtest``), and how much of what people say the skill
understands (``python -m bench.understanding``)."""
