-- grain: one row per B2B customer (size tier known) per run, scheme firmographic
-- Value band = tie-aware terciles of net revenue among these customers only: band = ceil(3 x share of
-- them at or below the value), so equal values share a band. B2C customers and accounts of unknown
-- size get no row.
insert into segflow.customer_segments (run_id, scheme, customer_id, segment_id, score_cell)
with b2b as (
  select customer_id, firmographic_tier, monetary
  from segflow.customer_features
  where run_id = :run_id and firmographic_tier is not null
),

banded as (
  select
    customer_id,
    firmographic_tier,
    cast(ceil(3 * cume_dist() over (order by monetary)) as integer) as value_band
  from b2b
),

cells as (
  select * from jsonb_to_recordset(cast(:cells as jsonb)) as cell(tier text, band integer, segment_id integer)
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    'firmographic' as scheme,
    banded.customer_id,
    cells.segment_id,
    cast(null as text) as score_cell
  from banded
  join cells on cells.tier = banded.firmographic_tier and cells.band = banded.value_band
)

select * from final
