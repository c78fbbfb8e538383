"""Money arithmetic in whole kronor (integers, never floats)."""


def split_exact(total: int, weights: list[int]) -> list[int]:
    """Split `total` kronor in proportion to `weights` so that the parts sum to `total` exactly.

    Largest-remainder method: every part gets the floor of its exact share; the kronor left over go one
    each to the parts with the largest remainders, ties broken by position (so the result is
    deterministic: callers order their parts, e.g. by name).
    """
    if total < 0:
        raise ValueError("total must not be negative")
    if not weights or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative and not empty")
    weight_sum = sum(weights)
    if weight_sum == 0:
        raise ValueError("weights must not all be zero")
    floors = [total * w // weight_sum for w in weights]
    remainders = [total * w % weight_sum for w in weights]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors
