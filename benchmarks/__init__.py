"""Proof at scale: the national-size benchmark, the load run and the fault scenarios (issue 6).

Every script here works on its own PostgreSQL database (``bench`` by default, see
``benchmarks.env``), never on the test databases or the demo's SQLite file.
"""
