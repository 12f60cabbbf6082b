//! An idea's family: every application linked to it by stealing («stjålet fra») or by
//! continuing an earlier one, across units and years, and the units that adopted it.

use crate::{Result, Services};
use prisverdig_store::catalogue::{self, Linked};
use std::collections::{HashMap, HashSet, VecDeque};
use uuid::Uuid;

/// The most applications one family page draws.
pub const MAX_FAMILY: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// `from` adopted `to`'s idea.
    Stolen,
    /// `from` continues `to`.
    Continues,
}

pub struct Family {
    pub members: Vec<Linked>,
    /// (from, to, relation), both ends among `members`.
    pub links: Vec<(Uuid, Uuid, Relation)>,
    /// Units that recorded adopting a member without an application of their own.
    pub adopters: Vec<(Uuid, String)>,
}

/// The connected part of the link graph around `start`, breadth first, at most `max`.
pub fn connected(start: Uuid, links: &[(Uuid, Uuid, Relation)], max: usize) -> HashSet<Uuid> {
    let mut neighbours: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (a, b, _) in links {
        neighbours.entry(*a).or_default().push(*b);
        neighbours.entry(*b).or_default().push(*a);
    }
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in neighbours.get(&node).into_iter().flatten() {
            if seen.len() >= max {
                return seen;
            }
            if seen.insert(*next) {
                queue.push_back(*next);
            }
        }
    }
    seen
}

impl Services {
    /// The family of a visible application.
    #[tracing::instrument(skip_all)]
    pub async fn family(&self, id: Uuid) -> Result<Family> {
        self.public_application(id).await?;
        let links: Vec<(Uuid, Uuid, Relation)> = catalogue::idea_links(&self.db, self.clock.now())
            .await?
            .into_iter()
            .map(|(a, b, kind)| {
                (
                    a,
                    b,
                    if kind == "stolen" {
                        Relation::Stolen
                    } else {
                        Relation::Continues
                    },
                )
            })
            .collect();
        let ids = connected(id, &links, MAX_FAMILY);
        let mut members = Vec::new();
        for member in &ids {
            if let Some(linked) = catalogue::linked(&self.db, self.clock.now(), *member).await? {
                members.push(linked);
            }
        }
        members.sort_by(|a, b| a.year.cmp(&b.year).then(a.title.cmp(&b.title)));
        let links = links
            .into_iter()
            .filter(|(a, b, _)| ids.contains(a) && ids.contains(b))
            .collect();
        let mut adopters = Vec::new();
        for member in &members {
            for adoption in catalogue::adoptions_of(&self.db, self.clock.now(), member.id).await? {
                if let (None, Some(unit)) = (adoption.adopting_application_id, adoption.unit_name) {
                    adopters.push((member.id, unit));
                }
            }
        }
        Ok(Family {
            members,
            links,
            adopters,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_is_the_connected_part_only() {
        let [a, b, c, d, e] = [(); 5].map(|_| Uuid::now_v7());
        let links = [
            (b, a, Relation::Stolen),
            (c, b, Relation::Continues),
            (e, d, Relation::Stolen),
        ];
        assert_eq!(connected(c, &links, 10), HashSet::from([a, b, c]));
        assert_eq!(connected(d, &links, 10), HashSet::from([d, e]));
        assert_eq!(connected(a, &links, 2).len(), 2, "bounded");
    }
}
