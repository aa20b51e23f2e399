//! A synthetic province for `simulate province`: one provincial plan, its cities and
//! their districts, each plan a bundled plan under a new name, with its targets moved by
//! a seeded amount so that no two plans state the same numbers.

use planalign::corpus::{Corpus, CorpusBuilder, LocalityEntry};
use planalign::{Error, Level, Locality, Plan};

/// The shape of the province: how many cities, and how many districts in all (spread
/// over the cities as evenly as they go).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub cities: usize,
    pub districts: usize,
}

/// The province and the comparisons it asks for, as (child id, parent id) pairs.
pub struct Province {
    pub corpus: Corpus,
    /// Three comparisons for every plan, as the 426 for 142 plans: each district
    /// with its city, the province and the next district of its city (the last with the
    /// first); each city with the province, the next city and the previous city; the
    /// province with its first three cities.
    pub pairs: Vec<(String, String)>,
}

/// A small deterministic generator (SplitMix64): the same seed gives the same province.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A factor in [0.9, 1.1).
    fn factor(&mut self) -> f64 {
        0.9 + 0.2 * (self.next() % 10_000) as f64 / 10_000.0
    }
}

/// A bundled plan as the plan of `name` at `level`, its targets' numbers moved.
fn renamed(source: &Plan, id: &str, name: &str, level: Level, mix: &mut Mix) -> Plan {
    let mut plan = source.clone();
    plan.id = Some(id.to_string());
    plan.locality = Locality::new(name, level);
    plan.parent = None;
    plan.partial = None;
    for row in &mut plan.indicators {
        row.target = row.target.scaled(mix.factor());
    }
    plan
}

/// Builds the province from the bundled plans: the cities' plans for the province and
/// its cities, the districts' plans for the districts.
pub fn province(shape: Shape, seed: u64) -> Result<Province, Box<dyn std::error::Error>> {
    let bundled = planalign::corpus::guangdong()?;
    let of_level = |level: Level| -> Vec<&Plan> {
        bundled
            .plans()
            .iter()
            .filter(|p| p.locality.level == level && !p.indicators_unknown())
            .collect()
    };
    let (cities, districts) = (
        of_level(Level::PrefectureCity),
        of_level(Level::CountyDistrict),
    );
    let (Some(first_city), false) = (cities.first(), districts.is_empty()) else {
        return Err("the bundled corpus has no city or no district plan with a table".into());
    };
    let mut mix = Mix(seed);
    let mut builder = CorpusBuilder::new();
    let mut pairs = Vec::new();
    builder.add_plan(
        renamed(first_city, "p", "示例省", Level::Province, &mut mix),
        Vec::new(),
    );
    let mut entry = LocalityEntry::new("示例省", Level::Province);
    entry.plan = Some("p".to_string());
    builder.add_locality(entry)?;
    let mut done = 0;
    for c in 0..shape.cities {
        let (id, name) = (format!("c{c}"), format!("示例{c}市"));
        let source = cities[c % cities.len()];
        builder.add_plan(
            renamed(source, &id, &name, Level::PrefectureCity, &mut mix),
            Vec::new(),
        );
        let mut entry = LocalityEntry::new(name.clone(), Level::PrefectureCity);
        entry.parent = Some("示例省".to_string());
        entry.plan = Some(id.clone());
        builder.add_locality(entry)?;
        pairs.push((id.clone(), "p".to_string()));
        pairs.push((id.clone(), format!("c{}", (c + 1) % shape.cities)));
        pairs.push((
            id.clone(),
            format!("c{}", (c + shape.cities - 1) % shape.cities),
        ));
        // This city's share of the districts, the remainder to the first cities.
        let share =
            shape.districts / shape.cities + usize::from(c < shape.districts % shape.cities);
        let ids: Vec<String> = (done..done + share).map(|d| format!("d{d}")).collect();
        for (k, did) in ids.iter().enumerate() {
            let dname = format!("示例{c}市第{k}区");
            let source = districts[(done + k) % districts.len()];
            builder.add_plan(
                renamed(source, did, &dname, Level::CountyDistrict, &mut mix),
                Vec::new(),
            );
            let mut entry = LocalityEntry::new(dname, Level::CountyDistrict);
            entry.parent = Some(name.clone());
            entry.plan = Some(did.clone());
            builder.add_locality(entry)?;
            pairs.push((did.clone(), id.clone()));
            pairs.push((did.clone(), "p".to_string()));
            if ids.len() > 1 {
                pairs.push((did.clone(), ids[(k + 1) % ids.len()].clone()));
            }
        }
        done += share;
    }
    for c in 0..shape.cities.min(3) {
        pairs.push(("p".to_string(), format!("c{c}")));
    }
    Ok(Province {
        corpus: builder.build()?,
        pairs,
    })
}

/// Builds the province and runs its comparisons with one comparer (each plan keyed and
/// its titles read once, the pairs compared in parallel), printing one line per
/// measurement: the plans built, and the comparisons with their time.
pub fn run(
    out: &mut dyn std::io::Write,
    shape: Shape,
    seed: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let started = std::time::Instant::now();
    let Province { corpus, pairs } = province(shape, seed)?;
    writeln!(
        out,
        "{} plans (1 province, {} cities, {} districts) built in {:.2} s",
        corpus.plans().len(),
        shape.cities,
        shape.districts,
        started.elapsed().as_secs_f64()
    )?;
    let pairs: Vec<(&Plan, &Plan)> = pairs
        .iter()
        .map(|(c, p)| Ok((corpus.plan(c)?, corpus.plan(p)?)))
        .collect::<Result<_, Error>>()?;
    let comparer = planalign::Comparer::default();
    let started = std::time::Instant::now();
    let comparisons = comparer.compare_all(&pairs);
    let took = started.elapsed().as_secs_f64();
    let judged: usize = comparisons.iter().map(|c| c.indicators.len()).sum();
    writeln!(
        out,
        "{} comparisons in {took:.3} s ({:.3} ms each; {judged} indicator alignments)",
        comparisons.len(),
        1000.0 * took / comparisons.len().max(1) as f64
    )?;
    Ok(())
}
