-- grain: one row per raw line of the run, with its reason code (temporary table, dropped at commit)
-- Each raw line gets the first rule it breaks as its reason; lines that break none are accepted.
-- Cancellations (invoice C...) with a negative quantity are accepted as returns.
create temp table classified_lines on commit drop as
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

final as (
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
)

select * from final
