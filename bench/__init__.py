"""Benchmarks that print figures: throughput, latency, memory, store and drain (see README.md)."""
