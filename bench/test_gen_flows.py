#!/usr/bin/env python3
"""Checks of bench/gen_flows.py: python3 bench/test_gen_flows.py

Reading the YAML back needs PyYAML (Debian's python3-yaml), which
scripts/install-deps.sh installs; ctest runs this file as bench_gen_flows.
"""

import filecmp
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "gen_flows.py")
MANAGED = ("name", "description", "status", "configuration", "steps")

import yaml


def generate_n(count, outdir, *options):
    subprocess.run([sys.executable, GENERATOR, str(count), outdir, *options],
                   check=True, stdout=subprocess.DEVNULL)


def load_json(path):
    with open(path, encoding="utf-8") as source:
        return json.load(source)


class GeneratorTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, *parts):
        return os.path.join(self.tmp.name, *parts)

    def test_writes_one_file_per_flow_with_padded_names_and_ids(self):
        generate_n(12, self.path("a"))
        names = sorted(os.listdir(self.path("a", "flows")))
        self.assertEqual(names, ["flow_%05d.yaml" % i for i in range(1, 13)])
        seed = load_json(self.path("a", "seed.json"))
        self.assertEqual([flow["_id"] for flow in seed],
                         ["bench_flow_%06d" % i for i in range(1, 13)])

    def test_same_seed_gives_identical_output(self):
        generate_n(30, self.path("a"), "--seed", "7")
        generate_n(30, self.path("b"), "--seed", "7")
        comparison = filecmp.dircmp(self.path("a"), self.path("b"))
        self.assertEqual(comparison.diff_files, [])
        flows = filecmp.dircmp(self.path("a", "flows"),
                               self.path("b", "flows"))
        self.assertEqual(flows.diff_files, [])
        self.assertEqual(flows.left_only + flows.right_only, [])

    def test_other_seed_gives_other_flows(self):
        generate_n(30, self.path("a"), "--seed", "1")
        generate_n(30, self.path("b"), "--seed", "2")
        self.assertNotEqual(load_json(self.path("a", "seed.json")),
                            load_json(self.path("b", "seed.json")))

    def test_changed_share_sets_how_many_live_flows_differ(self):
        generate_n(200, self.path("a"), "--changed-share", "0.25")
        expected = load_json(self.path("a", "expected.json"))
        self.assertEqual(expected["flows"], 200)
        self.assertEqual(len(expected["changed"]), 50)
        for fields in expected["changed"].values():
            self.assertTrue(1 <= len(fields) <= 2)
            self.assertTrue(set(fields) <= set(MANAGED))

    def test_settings_point_at_the_flows_without_a_rate_limit(self):
        generate_n(3, self.path("a"))
        with open(self.path("a", "flowctl.yaml"), encoding="utf-8") as source:
            text = source.read()
        self.assertIn("flows: [flows]\n", text)
        self.assertIn("requests_per_minute: 0\n", text)
        self.assertIn("parallelism: 16\n", text)
        self.assertIn("token_env: VERIFIK_TOKEN\n", text)

    def test_requests_per_minute_can_be_set(self):
        generate_n(3, self.path("a"), "--requests-per-minute", "600")
        with open(self.path("a", "flowctl.yaml"), encoding="utf-8") as source:
            self.assertIn("requests_per_minute: 600\n", source.read())

    def test_seed_flows_carry_every_server_field(self):
        generate_n(5, self.path("a"))
        keys = {"_id", "project", "type", "status", "version", "name",
                "description", "configuration", "steps", "client",
                "createdAt", "updatedAt"}
        for flow in load_json(self.path("a", "seed.json")):
            self.assertEqual(set(flow), keys)

    def test_rejects_out_of_range_arguments(self):
        for args in (["0", self.path("a")],
                     ["5", self.path("a"), "--changed-share", "1.5"],
                     ["5", self.path("a"), "--requests-per-minute", "-1"]):
            result = subprocess.run([sys.executable, GENERATOR, *args],
                                    stderr=subprocess.DEVNULL)
            self.assertEqual(result.returncode, 2)

    def test_yaml_equals_live_except_for_the_changed_fields(self):
        generate_n(300, self.path("a"), "--changed-share", "0.1")
        seed = load_json(self.path("a", "seed.json"))
        changed = load_json(self.path("a", "expected.json"))["changed"]
        for index, live in enumerate(seed, start=1):
            name = self.path("a", "flows", "flow_%05d.yaml" % index)
            with open(name, encoding="utf-8") as source:
                desired = yaml.safe_load(source)
            self.assertEqual(desired["id"], live["_id"])
            self.assertEqual(set(desired), {"id", *MANAGED})
            differing = sorted(f for f in MANAGED if desired[f] != live[f])
            self.assertEqual(differing, changed.get(live["_id"], []), name)


if __name__ == "__main__":
    unittest.main()
