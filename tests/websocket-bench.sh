#!/usr/bin/env bash
# Runs the WebSocket benchmark (dev.inlet.bench.WebSocketBench) with a raised open-files limit: ten thousand
# sockets cost the node and the clients one descriptor each. Called by the bench profile with the test classpath.
set -euo pipefail
want=65536
ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
echo "open files limit: $(ulimit -n)"
exec java "$@"
