#!/usr/bin/env python3
"""Builds the databases the SQL scripts and tests read (run from the repository root):

  Scripts/data/tutorial.db            SQLite: the tutorial's tables (from the CSV files beside
                                      it) and a 'families' table with a response for every
                                      family that can be pushed down
  Scripts/errors/data/faults.db       SQLite: tables with deliberate faults for the error scripts
  Tests/PushdownTests/postgres.sql    the same tables for a PostgreSQL test server (psql script)

The 'families' rows are drawn from a seeded generator (numpy's PCG64, seed 20241201), so
running this again gives the same files. Needs python3 with numpy; the tests need neither.
"""
import csv
import math
import os
import sqlite3

import numpy as np

ROOT = os.getcwd()
DATA = os.path.join(ROOT, "Scripts", "data")


def read_csv(name, types):
    with open(os.path.join(DATA, name), newline="") as f:
        rows = list(csv.DictReader(f))
    cols = list(types)
    return cols, [tuple(types[c](r[c]) for c in cols) for r in rows]


def families(n=200):
    rng = np.random.Generator(np.random.PCG64(20241201))
    x1 = np.round(rng.normal(size=n), 3)
    x2 = np.round(rng.normal(size=n), 3)
    sig = lambda t: 1 / (1 + np.exp(-t))
    g = np.round(10 + 2 * x1 - x2 + rng.normal(scale=1.5, size=n), 4)
    bern = rng.binomial(1, sig(0.5 + x1 - 0.7 * x2))
    size = rng.integers(1, 11, size=n)
    succ = rng.binomial(size, sig(-0.3 + 0.8 * x1))
    expo = np.round(rng.uniform(0.5, 3, size=n), 3)
    cnt = rng.poisson(expo * np.exp(0.4 + 0.3 * x1))
    life = np.round(rng.exponential(1 / np.exp(-1 + 0.5 * x1)), 4) + 0.0001
    cens = (rng.uniform(size=n) < 0.2).astype(int)
    prop = np.round(np.clip(rng.beta(2, 5, size=n), 0.001, 0.999), 4)
    amount = np.round(rng.gamma(2.0, 1 / 0.7, size=n), 4) + 0.0001
    wt = np.round(rng.uniform(0.5, 2, size=n), 3)
    big = np.round(1e7 + rng.normal(scale=0.1, size=n), 3)
    label = rng.choice(["a", "b", "c"], size=n)
    cols = ["x1", "x2", "g", "bern", "size", "succ", "expo", "cnt", "life", "cens", "prop", "amount", "wt",
            "big", "label"]
    types = ["REAL", "REAL", "REAL", "INTEGER", "INTEGER", "INTEGER", "REAL", "INTEGER", "REAL", "INTEGER",
             "REAL", "REAL", "REAL", "REAL", "TEXT"]
    rows = [tuple(v.item() if hasattr(v, "item") else v for v in r)
            for r in zip(x1, x2, g, bern, size, succ, expo, cnt, life, cens, prop, amount, wt, big, label)]
    return cols, types, rows


TABLES = {
    "mtcars": (read_csv("mtcars.csv", {"model": str, "am": int, "hp": int, "wt": float}),
               ["TEXT", "INTEGER", "INTEGER", "REAL"]),
    "gauss": ((["x"], [(x,) for x in [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]]), ["REAL"]),
    "cars": (read_csv("cars.csv", {"speed": int, "dist": int}), ["INTEGER", "INTEGER"]),
    "discoveries": (read_csv("discoveries.csv", {"year": int, "count": int, "t": int}),
                    ["INTEGER", "INTEGER", "INTEGER"]),
    "rivers": (read_csv("rivers.csv", {"length": int}), ["INTEGER"]),
    "insectsprays": (read_csv("insectsprays.csv", {"count": int, "spray": str}), ["INTEGER", "TEXT"]),
    "warpbreaks": (read_csv("warpbreaks.csv", {"breaks": int, "wool": str, "tension": str}),
                   ["INTEGER", "TEXT", "TEXT"]),
}


def all_tables():
    tables = {name: (cols, rows, types) for name, ((cols, rows), types) in TABLES.items()}
    cols, types, rows = families()
    tables["families"] = (cols, rows, types)
    return tables


PG_TYPES = {"REAL": "double precision", "INTEGER": "integer", "TEXT": "text"}


def write_sqlite(path, tables):
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    for name, (cols, rows, types) in tables.items():
        spec = ", ".join(f'"{c}" {t}' for c, t in zip(cols, types))
        con.execute(f'CREATE TABLE {name} ({spec})')
        con.executemany(f'INSERT INTO {name} VALUES ({", ".join("?" * len(cols))})', rows)
    con.commit()
    con.execute("VACUUM")
    con.close()


def pg_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return repr(v)


def write_postgres(path, tables):
    with open(path, "w") as f:
        f.write("-- Made by Scripts/data/reference/scripts/make_sql_data.py: the tables of\n")
        f.write("-- Scripts/data/tutorial.db and Scripts/errors/data/faults.db, for a PostgreSQL test server.\n")
        for name, (cols, rows, types) in tables.items():
            spec = ", ".join(f'"{c}" {PG_TYPES.get(t, t)}' for c, t in zip(cols, types))
            f.write(f"CREATE TABLE {name} ({spec});\n")
            for start in range(0, len(rows), 100):
                values = ",\n  ".join("(" + ", ".join(pg_literal(v) for v in r) + ")" for r in rows[start:start + 100])
                f.write(f"INSERT INTO {name} VALUES\n  {values};\n")


def faults():
    return {
        # R's airquality, first six rows; Ozone is missing (NULL) in row 5.
        "airquality": (["ozone", "wind", "temp"],
                       [(41, 7.4, 67), (36, 8.0, 72), (12, 12.6, 74), (18, 11.5, 62), (None, 14.3, 56),
                        (28, 14.9, 66)], ["INTEGER", "REAL", "INTEGER"]),
        # Counts with a negative one in row 3 (outside a Poisson's support).
        "counts": (["n"], [(2,), (0,), (-1,), (4,)], ["INTEGER"]),
        # A number stored as text in row 2, and a blob.
        "mixed": (["x", "note"], [(1.5, "ok"), ("2.5", "typed as text"), (3.5, "ok")], ["", "TEXT"]),
        "pictures": (["id", "image"], [(1, b"\x89PNG")], ["INTEGER", "BLOB"]),
    }


if __name__ == "__main__":
    tables = all_tables()
    write_sqlite(os.path.join(DATA, "tutorial.db"), tables)
    fault_tables = faults()
    write_sqlite(os.path.join(ROOT, "Scripts", "errors", "data", "faults.db"), fault_tables)
    pg = dict(tables)
    pg.update({k: v for k, v in fault_tables.items() if k in ("airquality", "counts")})
    write_postgres(os.path.join(ROOT, "Tests", "PushdownTests", "postgres.sql"), pg)
    for name, (cols, rows, _) in tables.items():
        print(f"{name}: {len(rows)} rows, columns {', '.join(cols)}")
