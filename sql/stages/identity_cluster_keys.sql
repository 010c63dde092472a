-- grain: one row per resolved person or account of the run, with its stable id: inherited from the previous run's cluster it overlaps most, else newly minted
create temporary table identity_cluster_keys on commit drop as
with clusters as (
  -- Smallest in byte order, but carried in the default collation: a "C" value would spread into the ids and keep the
  -- registry lookup below off segflow.customer_ids' primary key (a scan of the registry per cluster).
  select level, numbers.cluster_no, min(source || '/' || source_object || '/' || source_id collate "C") collate "default" as first_member, count(*) as members
  from identity_run_members as members
  inner join identity_cluster_numbers as numbers using (member_no)
  where members.run_id = :run_id
  group by level, numbers.cluster_no
),

previous_run as (
  select run_id
  from core.identity_runs
  where first_resolved_at < (select first_resolved_at from core.identity_runs where run_id = :run_id)
  order by first_resolved_at desc
  limit 1
),

overlap as (
  select current_members.level, numbers.cluster_no, previous_members.cluster_key as previous_key, count(*) as shared
  from identity_run_members as current_members
  inner join identity_cluster_numbers as numbers using (member_no)
  inner join core.identity_members as previous_members
    on previous_members.run_id = (select run_id from previous_run)
    and previous_members.level = current_members.level
    and previous_members.source = current_members.source
    and previous_members.source_object = current_members.source_object
    and previous_members.source_id = current_members.source_id
  where current_members.run_id = :run_id and previous_members.cluster_key is not null
  group by current_members.level, numbers.cluster_no, previous_members.cluster_key
),

-- Split: a previous id goes to the part holding most of its members (ties: the part with the smallest member).
heirs as (
  select distinct on (overlap.previous_key) overlap.previous_key, overlap.level, overlap.cluster_no, overlap.shared
  from overlap
  inner join clusters using (level, cluster_no)
  order by overlap.previous_key, overlap.shared desc, clusters.first_member collate "C"
),

-- Merge: a cluster heir to several previous ids keeps the one with most shared members (ties: the smallest id); the others retire.
kept as (
  select distinct on (level, cluster_no) level, cluster_no, previous_key
  from heirs
  order by level, cluster_no, shared desc, previous_key collate "C"
),

minted as (
  select
    clusters.level,
    clusters.cluster_no,
    clusters.members,
    kept.previous_key,
    -- A new id is a digest of the cluster's smallest member, so reruns on the same data mint the same id.
    case when clusters.level = 'person' then 'per_' else 'acc_' end || substr(md5(clusters.level || ':' || clusters.first_member), 1, 16) as candidate,
    case when clusters.level = 'person' then 'per_' else 'acc_' end || substr(md5(clusters.level || ':' || clusters.first_member || ':' || :run_id), 1, 16) as fallback
  from clusters
  left join kept using (level, cluster_no)
),

final as (
  select
    level,
    cluster_no,
    members,
    previous_key is not null as inherited,
    coalesce(
      previous_key,
      -- The digest is taken when a split left the old id with the other part: fall back to one salted with the run.
      case
        when exists (select 1 from segflow.customer_ids as ids where ids.customer_id = minted.candidate)
          or exists (select 1 from kept where kept.previous_key = minted.candidate)
        then fallback
        else candidate
      end
    ) as cluster_key
  from minted
)

select * from final
