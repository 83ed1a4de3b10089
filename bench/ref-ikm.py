#!/usr/bin/env python3
# The obvious script a user who outgrew paten would write: read a Google Forms export with the csv
# module, turn each of the nine answer columns into 1..4, NRR per unsur = mean, IKM = sum(NRR) / 9 * 25.
# It stores nothing; bench/survey-import.bench.mjs runs it on the same file as `survey import` (issue 15).
import csv
import sys

# Answer labels per question column, in the export's order (8 = sarana, 9 = pengaduan), worst to best.
LABELS = [
    ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"],
    ["tidak mudah", "kurang mudah", "mudah", "sangat mudah"],
    ["tidak cepat", "kurang cepat", "cepat", "sangat cepat"],
    ["sangat mahal", "cukup mahal", "murah", "gratis"],
    ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"],
    ["tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten"],
    ["tidak sopan dan ramah", "kurang sopan dan ramah", "sopan dan ramah", "sangat sopan dan ramah"],
    ["buruk", "cukup", "baik", "sangat baik"],
    ["tidak ada", "ada tetapi tidak berfungsi", "berfungsi kurang maksimal", "dikelola dengan baik"],
]
SCORE = [{label: i + 1 for i, label in enumerate(labels)} for labels in LABELS]
FIRST = 7  # Stempel waktu and six profile columns come first

total = [0] * 9
count = [0] * 9
rows = 0
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    reader = csv.reader(f)
    next(reader)
    for row in reader:
        rows += 1
        for i in range(9):
            v = SCORE[i].get(row[FIRST + i].strip().lower())
            if v is not None:
                total[i] += v
                count[i] += 1

nrr = [t / c if c else 0 for t, c in zip(total, count)]
ikm = sum(nrr) / 9 * 25
print(f"rows={rows} ikm={ikm:.4f}")
