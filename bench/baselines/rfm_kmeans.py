"""RFM segments the pandas + scikit-learn way, as a data scientist would script it, for bench/pipeline.ts.

    /usr/bin/python3 bench/baselines/rfm_kmeans.py --dsn postgres://postgres@127.0.0.1:5432/segflow_bench_scale \
        --as-of 2024-12-31 --k 5 [--seed 42] [--source shop] [--reader copy|read_sql]

Reads the shop's landed orders from PostgreSQL (the same raw.orders the pipeline starts from), drops
refunded and cancelled orders and orders without a time or total, gives a guest checkout to the
customer who ordered with the same email, computes recency, frequency and monetary as of the date,
takes log1p and z-scores them, fits KMeans with the given k (three seeded k-means++ starts, as the
pipeline does per k) and writes customer -> segment to bench.baseline_segments. Prints one JSON line.
"""
import argparse
import io
import json
import resource
import time

import numpy as np
import pandas as pd
import psycopg2
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

started = time.perf_counter()
phases = {}


def phase(name, since):
    now = time.perf_counter()
    phases[name] = round(now - since, 3)
    return now


parser = argparse.ArgumentParser()
parser.add_argument("--dsn", required=True)
parser.add_argument("--as-of", required=True)
parser.add_argument("--k", type=int, required=True)
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--source", default="shop")
parser.add_argument("--reader", choices=["copy", "read_sql"], default="copy")
args = parser.parse_args()

QUERY = "select customer_source_id, lower(trim(email)) as email, ordered_at, total, status from raw.orders where source = %s"

t = time.perf_counter()
conn = psycopg2.connect(args.dsn)
if args.reader == "copy":
    # COPY to CSV and read_csv: the fast route; read_sql builds a Python object per value.
    buffer = io.BytesIO()
    with conn.cursor() as cur:
        cur.copy_expert(f"copy ({cur.mogrify(QUERY, (args.source,)).decode()}) to stdout with (format csv, header)", buffer)
    buffer.seek(0)
    orders = pd.read_csv(buffer, dtype={"customer_source_id": "string", "email": "string", "status": "string"})
    del buffer
else:
    orders = pd.read_sql_query(QUERY, conn, params=(args.source,))
t = phase("read", t)

orders["ordered_at"] = pd.to_datetime(orders["ordered_at"], utc=True)
orders["total"] = pd.to_numeric(orders["total"])
cancelled = orders["status"].str.lower().isin(["refunded", "cancelled", "canceled", "void"])
orders = orders[~cancelled & orders["ordered_at"].notna() & orders["total"].notna()]
# A guest checkout belongs to the customer who used the same email; an unknown email is a customer of its own.
owners = orders.dropna(subset=["customer_source_id", "email"]).drop_duplicates("email").set_index("email")["customer_source_id"]
guest = orders["customer_source_id"].isna()
orders.loc[guest, "customer_source_id"] = orders.loc[guest, "email"].map(owners).fillna("guest:" + orders.loc[guest, "email"])
orders = orders.dropna(subset=["customer_source_id"])

as_of = pd.Timestamp(args.as_of, tz="UTC")
orders = orders[orders["ordered_at"] < as_of + pd.Timedelta(days=1)]
orders["is_return"] = orders["total"] < 0
purchases = orders[~orders["is_return"]]
rfm = pd.DataFrame({
    "monetary": orders.groupby("customer_source_id")["total"].sum(),
    "frequency": purchases.groupby("customer_source_id").size(),
    "last_purchase": purchases.groupby("customer_source_id")["ordered_at"].max(),
})
rfm["frequency"] = rfm["frequency"].fillna(0)
rfm["recency_days"] = (as_of - rfm["last_purchase"].dt.normalize()).dt.days
rfm["recency_days"] = rfm["recency_days"].fillna(rfm["recency_days"].max())
features = np.column_stack([
    np.log1p(rfm["monetary"].clip(lower=0)),
    np.log1p(rfm["frequency"]),
    np.log1p(rfm["recency_days"]),
])
scaled = StandardScaler().fit_transform(features)
t = phase("features", t)

model = KMeans(n_clusters=args.k, n_init=3, random_state=args.seed).fit(scaled)
t = phase("fit", t)

out = io.StringIO()
pd.DataFrame({"customer_id": rfm.index, "segment": model.labels_ + 1}).to_csv(out, index=False, header=False)
out.seek(0)
with conn.cursor() as cur:
    cur.execute("create schema if not exists bench")
    cur.execute("drop table if exists bench.baseline_segments")
    cur.execute("create table bench.baseline_segments (customer_id text primary key, segment integer not null)")
    cur.copy_expert("copy bench.baseline_segments from stdin with (format csv)", out)
conn.commit()
conn.close()
t = phase("write", t)

print(json.dumps({
    "reader": args.reader,
    "orders": int(len(orders)),
    "customers": int(len(rfm)),
    "k": args.k,
    "inertia": float(model.inertia_),
    "iterations": int(model.n_iter_),
    "phases": phases,
    "seconds": round(time.perf_counter() - started, 3),
    "peakRssMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
}))
