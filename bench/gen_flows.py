#!/usr/bin/env python3
"""Generate a flows repository and a matching sandbox seed for benchmarks.

    gen_flows.py N OUTDIR [--changed-share 0.1] [--seed 1]
                 [--requests-per-minute 0]

Writes OUTDIR/flows/flow_NNNNN.yaml (one flow per file), OUTDIR/seed.json
(the same flows as the API holds them, a chosen share of them differing in a
field or two so that a plan has work to do), OUTDIR/flowctl.yaml and
OUTDIR/expected.json (which flows differ, for the benchmark's sanity checks).
The output depends only on the arguments. Standard library only.
"""

import argparse
import copy
import json
import os
import random
import re
import sys

FLOW_TYPES = ["onboarding", "login", "kyc", "payments", "recovery"]
EMAIL_METHODS = ["verificationCode", "magicLink"]
PHONE_METHODS = ["sms", "whatsapp", "voice"]
DOCUMENT_TYPES = ["passport", "national_id", "driver_license",
                  "residence_permit"]
COUNTRIES = ["AR", "BR", "CL", "CO", "EC", "MX", "PE", "US"]
EVENTS = ["flow.started", "flow.completed", "flow.failed", "step.completed"]
NAME_WORDS = ["Retail", "Premium", "Business", "Mobile", "Web", "Partner",
              "Regional", "Express", "Standard", "Enterprise"]

# A plain YAML scalar is safe when it cannot be read as anything but this
# string under the core schema and needs no quoting.
PLAIN_SAFE = re.compile(r"^[A-Za-z][A-Za-z0-9_./-]*( [A-Za-z0-9_./-]+)*$"
                        r"|^https://[A-Za-z0-9_./-]+$")
CORE_SCHEMA_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y",
                     "n", "~"}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of flows")
    parser.add_argument("outdir", help="folder to write")
    parser.add_argument("--changed-share", type=float, default=0.1,
                        help="share of flows whose live copy differs")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed; the same seed gives the same files")
    parser.add_argument("--requests-per-minute", type=int, default=0,
                        help="client budget in flowctl.yaml; 0: unlimited")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 99999:
        parser.error("N must be between 1 and 99999")
    if not 0.0 <= args.changed_share <= 1.0:
        parser.error("--changed-share must be between 0 and 1")
    if args.requests_per_minute < 0:
        parser.error("--requests-per-minute must not be negative")
    return args


def make_configuration(rng, flow_type):
    email_method = rng.choice(EMAIL_METHODS)
    phone_method = rng.choice(PHONE_METHODS)
    configuration = {
        "emailVerification": {"enabled": True, "required": True,
                              "method": email_method},
        "phoneVerification": {"enabled": rng.random() < 0.7,
                              "required": rng.random() < 0.5,
                              "method": phone_method},
        "biometricVerification": {"enabled": True,
                                  "required": rng.random() < 0.6,
                                  "livenessDetection": True,
                                  "antiSpoofing": rng.random() < 0.8},
    }
    if flow_type in ("kyc", "onboarding", "payments"):
        configuration["documentVerification"] = {
            "enabled": True,
            "required": flow_type == "kyc",
            "documentTypes": sorted(rng.sample(DOCUMENT_TYPES,
                                               rng.randint(1, 3))),
            "countries": sorted(rng.sample(COUNTRIES, rng.randint(1, 4))),
        }
    if rng.random() < 0.5:
        configuration["session"] = {"maxAttempts": rng.randint(3, 10),
                                    "lockoutMinutes": rng.choice([5, 15, 30])}
    if rng.random() < 0.4:
        configuration["webhook"] = {
            "url": "https://hooks.example.com/verifik/%s/%d"
                   % (flow_type, rng.randint(1, 999)),
            "events": sorted(rng.sample(EVENTS, rng.randint(1, 3))),
        }
    return configuration


def make_steps(rng, configuration):
    email = configuration["emailVerification"]["method"]
    steps = [{"stepType": "email", "order": 1, "required": True,
              "config": {"verificationMethod": email}}]
    phone = configuration["phoneVerification"]
    if phone["enabled"]:
        steps.append({"stepType": "phone", "order": len(steps) + 1,
                      "required": phone["required"],
                      "config": {"verificationMethod": phone["method"]}})
    document = configuration.get("documentVerification")
    if document:
        steps.append({"stepType": "document", "order": len(steps) + 1,
                      "required": document["required"],
                      "config": {"documentTypes": document["documentTypes"]}})
    biometric = configuration["biometricVerification"]
    steps.append({"stepType": "biometric", "order": len(steps) + 1,
                  "required": biometric["required"],
                  "config": {"livenessDetection": True,
                             "antiSpoofing": biometric["antiSpoofing"]}})
    return steps


def make_flow(rng, index):
    flow_type = rng.choice(FLOW_TYPES)
    configuration = make_configuration(rng, flow_type)
    words = rng.sample(NAME_WORDS, 2)
    return {
        "id": "bench_flow_%06d" % index,
        "type": flow_type,
        "name": "%s %s %s %d" % (words[0], words[1], flow_type.capitalize(),
                                 index),
        "description": "Benchmark %s flow number %d for the %s channel"
                       % (flow_type, index, words[1].lower()),
        "status": rng.choice(["active", "active", "active", "paused",
                              "draft"]),
        "configuration": configuration,
        "steps": make_steps(rng, configuration),
    }


def change_live(rng, live):
    """Changes one or two fields of the live copy, as a dashboard edit would,
    and returns the names of the top-level fields touched."""
    edits = rng.sample(["status", "phone", "step", "description"],
                       rng.randint(1, 2))
    touched = set()
    for edit in edits:
        if edit == "status":
            live["status"] = next(s for s in ["paused", "active", "draft"]
                                  if s != live["status"])
            touched.add("status")
        elif edit == "phone":
            phone = live["configuration"]["phoneVerification"]
            phone["method"] = next(m for m in PHONE_METHODS
                                   if m != phone["method"])
            touched.add("configuration")
        elif edit == "step":
            live["steps"][-1]["required"] = not live["steps"][-1]["required"]
            touched.add("steps")
        else:
            live["description"] += " (edited in the dashboard)"
            touched.add("description")
    return sorted(touched)


def live_flow(rng, flow, index):
    created = "2024-%02d-%02dT%02d:%02d:00Z" % (
        rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
        rng.randint(0, 59))
    return {
        "_id": flow["id"],
        "project": "project_bench_%03d" % (index % 7),
        "type": flow["type"],
        "status": flow["status"],
        "version": rng.randint(1, 20),
        "name": flow["name"],
        "description": flow["description"],
        "configuration": copy.deepcopy(flow["configuration"]),
        "steps": copy.deepcopy(flow["steps"]),
        "client": "client_bench",
        "createdAt": created,
        "updatedAt": created,
    }


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if PLAIN_SAFE.match(value) and value.lower() not in CORE_SCHEMA_WORDS:
        return value
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value)


def inline(value):
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (k, inline(v))
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    return scalar(value)


def flow_yaml(flow):
    """Renders a flow in the mix of block and flow style people write."""
    lines = ["id: %s" % flow["id"],
             "name: %s" % scalar(flow["name"]),
             "description: %s" % scalar(flow["description"]),
             "status: %s" % flow["status"],
             "configuration:"]
    for section, settings in flow["configuration"].items():
        if len(settings) <= 3 and all(not isinstance(v, (dict, list))
                                      for v in settings.values()):
            lines.append("  %s: %s" % (section, inline(settings)))
            continue
        lines.append("  %s:" % section)
        for key, value in settings.items():
            lines.append("    %s: %s" % (key, inline(value)))
    lines.append("steps:")
    for step in flow["steps"]:
        if step["stepType"] == "document":
            lines.append("  - stepType: document")
            for key in ("order", "required", "config"):
                lines.append("    %s: %s" % (key, inline(step[key])))
        else:
            lines.append("  - %s" % inline(step))
    return "\n".join(lines) + "\n"


SETTINGS = """\
# Benchmark repository written by bench/gen_flows.py. The benchmark passes
# --api-url for the sandbox it starts; the token comes from VERIFIK_TOKEN.
token_env: VERIFIK_TOKEN
flows: [flows]
parallelism: 16
requests_per_minute: %d
list_keys: {steps: order}
"""


def generate(count, outdir, changed_share, seed, requests_per_minute=0):
    rng = random.Random(seed)
    flows_dir = os.path.join(outdir, "flows")
    os.makedirs(flows_dir, exist_ok=True)

    changed_count = round(count * changed_share)
    changed_indexes = set(rng.sample(range(1, count + 1), changed_count))
    seed_flows = []
    changed = {}
    for index in range(1, count + 1):
        flow = make_flow(rng, index)
        with open(os.path.join(flows_dir, "flow_%05d.yaml" % index), "w",
                  encoding="utf-8") as out:
            out.write(flow_yaml(flow))
        live = live_flow(rng, flow, index)
        if index in changed_indexes:
            changed[flow["id"]] = change_live(rng, live)
        seed_flows.append(live)

    with open(os.path.join(outdir, "seed.json"), "w", encoding="utf-8") as out:
        json.dump(seed_flows, out, indent=1)
        out.write("\n")
    with open(os.path.join(outdir, "flowctl.yaml"), "w",
              encoding="utf-8") as out:
        out.write(SETTINGS % requests_per_minute)
    with open(os.path.join(outdir, "expected.json"), "w",
              encoding="utf-8") as out:
        json.dump({"flows": count, "changed": changed}, out, indent=1,
                  sort_keys=True)
        out.write("\n")
    return changed


def main(argv):
    args = parse_args(argv)
    changed = generate(args.count, args.outdir, args.changed_share, args.seed,
                       args.requests_per_minute)
    print("wrote %d flows (%d changed live) to %s"
          % (args.count, len(changed), args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
