"""Warm-latency benchmark of Cramp Coach against the official ASK SDK hello-world sample (``make bench``)."""
