"""The service's Redis cache backend behaves as Django's, with fewer client objects and trips."""

import pytest
from django.core.cache import caches

from collab_service.core.cache import RedisCache
from tests.infra import servers


@pytest.fixture
def redis_cache():
    address = servers.redis()
    if address is None:
        pytest.skip("Redis is not available")
    cache = RedisCache(f"redis://{address[0]}:{address[1]}/9", {"KEY_PREFIX": "szpon-test-backend"})
    yield cache
    cache.delete_many(["counter", "value", "gone"])


def test_incr_counts_existing_keys_and_refuses_missing_ones(redis_cache):
    redis_cache.set("counter", 1, 30)

    assert redis_cache.incr("counter") == 2
    assert redis_cache.incr("counter", 5) == 7
    assert redis_cache.get("counter") == 7
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("gone")
    assert redis_cache.get("gone") is None


def test_one_client_object_serves_every_call(redis_cache):
    redis_cache.set("value", {"a": 1}, 30)

    assert redis_cache.get("value") == {"a": 1}
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)


def test_the_suite_runs_on_this_backend_when_redis_is_there():
    if servers.redis() is not None:
        assert isinstance(caches["default"], RedisCache)
