"""The 128-bit truncated mantissas of 10^q that Tests/DataTests/FastFloatTests.swift
checks Sources/Data/PowersOfTen.swift against (the same definition as Go's strconv
`detailedPowersOfTen` and fast_float's `powers_of_five_128` for q >= 0: the top 128
bits of 10^q, rounded down, and floor(log2 10^q)). Exact integer arithmetic."""

def entry(q):
    if q >= 0:
        x = 10 ** q
        bits = x.bit_length()
        top = x >> (bits - 128) if bits >= 128 else x << (128 - bits)
        return top, bits - 1
    scale = 1400
    x = (1 << scale) // 10 ** (-q)
    bits = x.bit_length()
    return x >> (bits - 128), bits - 1 - scale

for q in (-348, -342, -1, 0, 1, 23, 308, 347):
    top, log2 = entry(q)
    print(f"({q}, 0x{top >> 64:016X}, 0x{top & (2**64 - 1):016X}, {log2}),")
