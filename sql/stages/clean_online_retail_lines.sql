-- grain: one row per rejection reason of the run (plus the accepted count); writes core.order_lines and raw.rejects
-- Each raw line gets the first rule it breaks as its reason; lines that break none are accepted.
-- Cancellations (invoice C...) with a negative quantity are accepted as returns.
with source as (
  select * from raw.online_retail_lines where run_id = :run_id
),

parsed as (
  select
    run_id,
    line_no,
    field_count,
    nullif(trim(invoice_no), '') as order_id,
    nullif(trim(customer_id), '') as customer_text,
    case when trim(customer_id) ~ '^\d+(\.0+){0,1}$' then regexp_replace(trim(customer_id), '\.0+$', '') end as customer_id,
    core.try_timestamp(invoice_date) as ordered_at,
    core.try_integer(quantity) as quantity,
    core.try_numeric(unit_price) as unit_price,
    stock_code,
    description,
    nullif(trim(country), '') as country,
    upper(trim(invoice_no)) like 'C%' as is_return,
    invoice_date,
    quantity as quantity_text,
    unit_price as unit_price_text
  from source
),

classified as (
  select
    *,
    case
      when field_count <> 8 then 'malformed_row'
      when order_id is null then 'missing_invoice'
      when ordered_at is null then 'unparsable_date'
      when quantity is null then 'unparsable_quantity'
      when unit_price is null then 'unparsable_price'
      when customer_text is null then 'missing_customer'
      when customer_id is null then 'unparsable_customer'
      when unit_price <= 0 then 'non_positive_price'
      when is_return and quantity >= 0 then 'cancellation_not_negative'
      when not is_return and quantity <= 0 then 'non_positive_quantity'
    end as reason_code,
    case
      when field_count <> 8 then 'fields: ' || field_count
      when ordered_at is null then 'InvoiceDate: ' || coalesce(invoice_date, '')
      when quantity is null then 'Quantity: ' || coalesce(quantity_text, '')
      when unit_price is null then 'UnitPrice: ' || coalesce(unit_price_text, '')
      when customer_text is not null and customer_id is null then 'CustomerID: ' || customer_text
      else null
    end as detail
  from parsed
),

accepted as (
  insert into core.order_lines (
    run_id, line_no, order_id, customer_id, ordered_at, order_date,
    stock_code, description, quantity, unit_price, line_revenue, is_return, country
  )
  select
    run_id, line_no, order_id, customer_id, ordered_at, cast(ordered_at as date),
    stock_code, description, quantity, unit_price, quantity * unit_price, is_return, country
  from classified
  where reason_code is null
  returning 1
),

rejected as (
  insert into raw.rejects (run_id, source, line_no, reason_code, detail)
  select run_id, 'online-retail', line_no, reason_code, detail
  from classified
  where reason_code is not null
  returning reason_code
),

final as (
  select 'accepted' as outcome, count(*) as lines from accepted
  union all
  select reason_code, count(*) from rejected group by reason_code
)

select * from final order by outcome
