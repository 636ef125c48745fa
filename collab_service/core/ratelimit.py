"""Fixed-window request counting in the shared cache (Redis in production), per client or key."""

import hashlib
import time

from django.core.cache import cache


def rate_limit_exceeded(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for the key; True once more than ``limit`` fall in the current window."""
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    # The counter is kept 5 s past its window, so it cannot vanish between the calls below.
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the first attempt in this window, unless another began it just now
        started = cache.add(cache_key, 1, timeout=window_seconds + 5)
        count = 1 if started else cache.incr(cache_key)
    return count > limit
