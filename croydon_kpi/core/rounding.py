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


def rate_bounds(
    numerator, denominator, per: int = 100, places: int = 1, numerator_step: str = "0", denominator_step: str = "0"
) -> tuple[Decimal, Decimal]:
    """The lowest and highest published rate consistent with inputs that were themselves rounded.

    DfE publishes FTEs to one decimal place (step "0.1") but computes rates from unrounded FTEs,
    so a rate recomputed from the published FTEs can differ in its last digit. Each input may lie
    anywhere within half a step of its published value; the rate is monotonic in each, so its
    extremes are at the corners.
    """
    top, bottom = Decimal(str(numerator)), Decimal(str(denominator))
    half_top, half_bottom = Decimal(numerator_step) / 2, Decimal(denominator_step) / 2
    low = round_half_up(max(top - half_top, Decimal(0)) / (bottom + half_bottom) * per, places)
    high = round_half_up((top + half_top) / (bottom - half_bottom) * per, places)
    return low, high
