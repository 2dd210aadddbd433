"""The chart tools read the sketch counts of spendcast-result/2 (base64 of varint tokens,
docs/RESULT-FORMAT.md) as the engine writes them, and still read /1's arrays."""

import base64
import unittest

import numpy as np

import common
from common import load_json, result_path
from spendcast.charts.distribution import Distribution, decode_counts
from spendcast.charts.fields import InputError


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class EncodedCounts(unittest.TestCase):
    def test_known_tokens(self) -> None:
        # 5; three zeros; 1; 300 (token 600 = 0xd8 0x04)
        got = decode_counts(b64(bytes([10, 5, 2, 0xD8, 0x04])))
        self.assertEqual(got.tolist(), [5, 0, 0, 0, 1, 300])
        self.assertEqual(decode_counts("").tolist(), [])

    def test_damaged_text_is_an_input_error(self) -> None:
        with self.assertRaises(InputError):
            decode_counts("Zm9*")
        with self.assertRaises(InputError):
            decode_counts(b64(bytes([2, 0x84])))

    def test_every_sketch_of_a_result_adds_up_to_its_count(self) -> None:
        state = load_json(result_path("baseline"))["state"]
        self.assertEqual(state["version"], 2)
        for cell in state["cells"]:
            sk = cell["sketch"]
            total = sk["zero_count"]
            for side in ("positive", "negative"):
                self.assertIsInstance(sk[side]["counts"], str)
                total += int(decode_counts(sk[side]["counts"]).sum())
            self.assertEqual(total, sk["count"])

    def test_an_array_of_counts_gives_the_same_distribution(self) -> None:
        cell = load_json(result_path("baseline"))["state"]["cells"][0]
        sk = cell["sketch"]
        old = dict(sk)
        for side in ("positive", "negative"):
            old[side] = dict(sk[side], counts=decode_counts(sk[side]["counts"]).astype(int).tolist())
        a, b = Distribution.from_sketch(sk), Distribution.from_sketch(old)
        for p in (0.05, 0.5, 0.95):
            self.assertEqual(a.quantile(p), b.quantile(p))


if __name__ == "__main__":
    unittest.main()
