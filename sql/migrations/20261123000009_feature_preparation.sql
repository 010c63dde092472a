-- How each scheme turned features into what it segments on, kept with the model so a run can be
-- reproduced and compared: per k-means feature the transform, center, scale and weight; the RFM
-- cut points; the firmographic value bands.

alter table segflow.segmentation_models
  add column feature_preparation jsonb;
comment on column segflow.segmentation_models.feature_preparation is 'kmeans: method (z-score or robust) and, per feature, transform (log1p), center, scale, weight and scaledBy (median/IQR, or mean/sd when asked or when the IQR is 0); the model value is ((transformed - center) / scale) * weight. rfm: per dimension the explicit cut points used, or quintiles. firmographic: the value measure and the bounds of each value band.';

comment on column segflow.customer_segments.scheme is 'Segmentation scheme: rfm, kmeans or firmographic (B2B customers only).';
comment on column segflow.segments.scheme is 'rfm, kmeans or firmographic.';
comment on column segflow.segmentation_models.scheme is 'rfm, kmeans or firmographic.';
comment on column segflow.kpi_snapshots.scheme is 'rfm, kmeans or firmographic.';
