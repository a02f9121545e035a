"""Write a gazetteer of N made-up entities and a text that links them in a
power-law-ish way (a few hubs, many leaves), from a fixed seed: input for
looking at and testing big diagrams.  Usage: gen_powerlaw.py N DIR."""
import os
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(9)
syll = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "qui", "bra", "zel", "mo", "tis"]
types = ["person", "country", "organization", "person", "person", "organization"]
names, seen = [], set()
while len(names) < n:
    name = " ".join("".join(rng.choice(syll) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(2))
    if name not in seen:
        seen.add(name)
        names.append(name)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "made-up.tsv"), "w") as f:
    for i, name in enumerate(names):
        f.write(f"e{i:03d}\t{types[i % len(types)]}\t{name}\t\t\n")
# Preferential attachment: each sentence names a new entity with one or two
# earlier ones, picked in proportion to how often they were named.
bag = [0]
with open(os.path.join(out, "text.txt"), "w") as f:
    for i in range(1, n):
        for _ in range(rng.choice([1, 1, 2])):
            j = rng.choice(bag)
            f.write(f"{names[i]} met {names[j]} again.\n")
            bag += [i, j]
