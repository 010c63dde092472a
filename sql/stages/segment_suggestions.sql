-- grain: one row per suggested merge or split of one run's segments
-- Every scheme is judged in the k-means feature space: log1p of net revenue (negative counts as 0),
-- orders and recency (no purchase counts as the run's largest recency), z-scored over the scheme's customers.
insert into segflow.segment_suggestions (
  run_id, scheme, segment_id, suggestion, with_segment_id, rule, reason, measure, threshold
)
with features as (
  select
    assigned.scheme,
    assigned.segment_id,
    ln(1 + greatest(cast(customer.monetary as double precision), 0)) as log_monetary,
    ln(1 + cast(customer.frequency as double precision)) as log_frequency,
    ln(1 + cast(coalesce(customer.recency_days, max(customer.recency_days) over ()) as double precision)) as log_recency
  from segflow.customer_segments as assigned
  join segflow.customer_features as customer
    on customer.run_id = assigned.run_id and customer.customer_id = assigned.customer_id
  where assigned.run_id = :run_id
),

population as (
  select
    scheme,
    count(*) as customers,
    avg(log_monetary) as mean_monetary,
    avg(log_frequency) as mean_frequency,
    avg(log_recency) as mean_recency,
    coalesce(nullif(stddev_samp(log_monetary), 0), 1) as sd_monetary,
    coalesce(nullif(stddev_samp(log_frequency), 0), 1) as sd_frequency,
    coalesce(nullif(stddev_samp(log_recency), 0), 1) as sd_recency
  from features
  group by scheme
),

standardised as (
  select
    features.scheme,
    features.segment_id,
    (features.log_monetary - population.mean_monetary) / population.sd_monetary as z_monetary,
    (features.log_frequency - population.mean_frequency) / population.sd_frequency as z_frequency,
    (features.log_recency - population.mean_recency) / population.sd_recency as z_recency
  from features
  join population on population.scheme = features.scheme
),

-- Spread = root mean squared distance of customers to their mean: per segment, and for the whole
-- scheme (distance to the scheme mean, which is 0 after z-scoring).
per_segment as (
  select
    scheme,
    segment_id,
    count(*) as customers,
    avg(z_monetary) as z_monetary,
    avg(z_frequency) as z_frequency,
    avg(z_recency) as z_recency,
    sqrt(greatest(
      var_pop(z_monetary) + var_pop(z_frequency) + var_pop(z_recency), 0
    )) as spread
  from standardised
  group by scheme, segment_id
),

scheme_spread as (
  select scheme, sqrt(avg(z_monetary * z_monetary + z_frequency * z_frequency + z_recency * z_recency)) as spread
  from standardised
  group by scheme
),

labelled as (
  select
    per_segment.*,
    segments.label,
    cast(per_segment.customers as double precision) / population.customers as share,
    population.customers as scheme_customers,
    per_segment.spread / nullif(scheme_spread.spread, 0) as spread_ratio,
    scheme_spread.spread as scheme_spread
  from per_segment
  join population on population.scheme = per_segment.scheme
  join scheme_spread on scheme_spread.scheme = per_segment.scheme
  join segflow.segments as segments
    on segments.run_id = :run_id and segments.scheme = per_segment.scheme and segments.segment_id = per_segment.segment_id
),

distances as (
  select
    one.scheme,
    one.segment_id,
    other.segment_id as other_id,
    sqrt(
      power(one.z_monetary - other.z_monetary, 2)
      + power(one.z_frequency - other.z_frequency, 2)
      + power(one.z_recency - other.z_recency, 2)
    ) as distance
  from labelled as one
  join labelled as other on other.scheme = one.scheme and other.segment_id <> one.segment_id
),

small_segments as (
  select distinct on (small.scheme, small.segment_id)
    small.scheme,
    small.segment_id,
    'merge' as suggestion,
    nearest.segment_id as with_segment_id,
    'small_segment' as rule,
    format(
      '%s holds %s%% of the scheme''s customers (%s of %s), under the %s%% minimum; merge it into %s, the nearest segment by mean standardised log recency, frequency and monetary value (distance %s).',
      small.label,
      to_char(100 * small.share, 'FM990.0'),
      small.customers,
      small.scheme_customers,
      to_char(100 * cast(:min_customer_share as double precision), 'FM990.0'),
      nearest.label,
      to_char(distances.distance, 'FM990.00')
    ) as reason,
    small.share as measure,
    cast(:min_customer_share as double precision) as threshold
  from labelled as small
  join distances on distances.scheme = small.scheme and distances.segment_id = small.segment_id
  join labelled as nearest on nearest.scheme = distances.scheme and nearest.segment_id = distances.other_id
  where small.share < cast(:min_customer_share as double precision)
  order by small.scheme, small.segment_id, distances.distance, nearest.segment_id
),

-- One row per similar pair, the smaller segment merging into the larger (on a tie, the higher id
-- into the lower). Pairs with a small
-- segment are left to the rule above: its nearest segment is the most similar one anyway.
similar_pairs as (
  select
    one.scheme,
    case when one.customers < other.customers then one.segment_id else other.segment_id end as segment_id,
    case when one.customers < other.customers then other.segment_id else one.segment_id end as with_segment_id,
    distances.distance,
    one.label as one_label,
    other.label as other_label
  from distances
  join labelled as one on one.scheme = distances.scheme and one.segment_id = distances.segment_id
  join labelled as other on other.scheme = distances.scheme and other.segment_id = distances.other_id
  where one.segment_id < other.segment_id
    and distances.distance < cast(:similar_distance as double precision)
    and one.share >= cast(:min_customer_share as double precision)
    and other.share >= cast(:min_customer_share as double precision)
),

similar_segments as (
  select
    pairs.scheme,
    pairs.segment_id,
    'merge' as suggestion,
    pairs.with_segment_id,
    'similar_segments' as rule,
    format(
      '%s (%s customers) and %s (%s customers) have mean standardised log recency, frequency and monetary value %s apart, closer than the %s similarity distance; merge %s into %s.',
      merging.label,
      merging.customers,
      keeping.label,
      keeping.customers,
      to_char(pairs.distance, 'FM990.00'),
      to_char(cast(:similar_distance as double precision), 'FM990.00'),
      merging.label,
      keeping.label
    ) as reason,
    pairs.distance as measure,
    cast(:similar_distance as double precision) as threshold
  from similar_pairs as pairs
  join labelled as merging on merging.scheme = pairs.scheme and merging.segment_id = pairs.segment_id
  join labelled as keeping on keeping.scheme = pairs.scheme and keeping.segment_id = pairs.with_segment_id
),

-- Only segments big enough that both halves of a split could clear the minimum share.
heterogeneous_segments as (
  select
    scheme,
    segment_id,
    'split' as suggestion,
    cast(null as integer) as with_segment_id,
    'heterogeneous_segment' as rule,
    format(
      '%s is spread almost like the whole scheme: its customers lie %s standardised units (root mean square) from their mean, %s of the %s of all the scheme''s customers, above the %s split ratio; splitting it (it holds %s%% of customers, at least twice the %s%% minimum) may separate distinct groups.',
      label,
      to_char(spread, 'FM990.00'),
      to_char(spread_ratio, 'FM990.00'),
      to_char(scheme_spread, 'FM990.00'),
      to_char(cast(:split_spread_ratio as double precision), 'FM990.00'),
      to_char(100 * share, 'FM990.0'),
      to_char(100 * cast(:min_customer_share as double precision), 'FM990.0')
    ) as reason,
    spread_ratio as measure,
    cast(:split_spread_ratio as double precision) as threshold
  from labelled
  where spread_ratio > cast(:split_spread_ratio as double precision)
    and share >= 2 * cast(:min_customer_share as double precision)
),

final as (
  select cast(:run_id as uuid) as run_id, * from small_segments
  union all
  select cast(:run_id as uuid) as run_id, * from similar_segments
  union all
  select cast(:run_id as uuid) as run_id, * from heterogeneous_segments
)

select * from final
