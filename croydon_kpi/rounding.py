"""DfE rounds half up (0.5 -> 1), not to even as Python's round() does."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: Decimal | float | int | str, places: int = 0) -> Decimal:
    """round_half_up(58.25, 1) -> Decimal('58.3'). Floats go through their shortest repr."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate(numerator, denominator, per: int = 100, places: int = 1) -> Decimal:
    """numerator / denominator x per, rounded half up: the way DfE publishes rates."""
    top, bottom = Decimal(str(numerator)), Decimal(str(denominator))
    if bottom == 0:
        raise ZeroDivisionError(f"rate with a zero denominator ({numerator} / {denominator})")
    return round_half_up(top / bottom * per, places)
