-- grain: one row per order line of the run's sources (newest landed version), with its number, its order and the first cleaning rule it breaks
create temporary table classified_landed_lines on commit drop as
with source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

newest_versions as (
  select distinct on (lines.source, lines.source_object, lines.source_id) lines.*
  from raw.order_lines as lines
  inner join source_names using (source)
  order by lines.source, lines.source_object, lines.source_id, lines.extracted_at desc, lines.run_id
),

-- Numbered in source key order, which the sort above already gave: the numbering takes no sort of its own.
-- Rejected lines keep their numbers, so accepted lines may skip some.
latest as (
  select newest_versions.*, cast(row_number() over (order by source, source_object, source_id) as integer) as line_no
  from newest_versions
),

-- Lines of an order whose header landed take the header's customer and time.
-- Order numbers are unique within a source only: two shops may both have an order 1001.
with_header as (
  select
    latest.*,
    headers.source as header_source,
    headers.customer_id as header_customer_id,
    headers.ordered_at as header_ordered_at,
    headers.reason_code as header_reason_code
  from latest
  left join classified_orders as headers
    on headers.source = latest.source
    and headers.source_id = latest.order_source_id
),

final as (
  select
    source,
    source_object,
    source_id,
    position,
    record,
    line_no,
    coalesce(header_source, source) || ':' || order_source_id as order_id,
    header_source is not null as has_header,
    coalesce(header_customer_id, nullif(trim(customer_source_id), '')) as customer_id,
    coalesce(header_ordered_at, cast(ordered_at at time zone 'UTC' as timestamp)) as ordered_at,
    sku,
    description,
    cast(round(quantity) as integer) as quantity,
    unit_price,
    country,
    case
      when header_reason_code is not null then 'order_' || header_reason_code
      when nullif(trim(order_source_id), '') is null then 'missing_order'
      when coalesce(header_customer_id, nullif(trim(customer_source_id), '')) is null then 'missing_customer'
      when coalesce(header_ordered_at, ordered_at) is null then 'missing_time'
      when quantity is null or round(quantity) = 0 or abs(quantity) > 1000000000 then 'bad_quantity'
      when unit_price is null or unit_price < 0 then 'bad_price'
    end as reason_code
  from with_header
)

select * from final
