//! The relation vocabulary of DESIGN.md: thirteen relations between entities and
//! five literal facts about one entity, with the type constraints extraction checks.

use super::EntityType::{self, *};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A predicate of the newsgraph ontology (`ng:investsIn`, `ng:valuation`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Relation {
    InvestsIn,
    Acquired,
    PartnersWith,
    CompetesWith,
    Leads,
    WorksFor,
    FormerlyWorkedFor,
    Founded,
    Develops,
    Uses,
    SuppliesTo,
    PartOf,
    LocatedIn,
    Valuation,
    FundingRaised,
    Loss,
    Revenue,
    UserCount,
}

/// What the object of a relation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// Another entity.
    Entity,
    /// An amount of money (`ng:amount` + `ng:currency`).
    Money,
    /// A plain number.
    Number,
}

impl Relation {
    pub const ALL: [Relation; 18] = [
        Relation::InvestsIn,
        Relation::Acquired,
        Relation::PartnersWith,
        Relation::CompetesWith,
        Relation::Leads,
        Relation::WorksFor,
        Relation::FormerlyWorkedFor,
        Relation::Founded,
        Relation::Develops,
        Relation::Uses,
        Relation::SuppliesTo,
        Relation::PartOf,
        Relation::LocatedIn,
        Relation::Valuation,
        Relation::FundingRaised,
        Relation::Loss,
        Relation::Revenue,
        Relation::UserCount,
    ];

    /// The local name in the `ng:` namespace, as used in gold files and queries.
    pub fn name(self) -> &'static str {
        match self {
            Relation::InvestsIn => "investsIn",
            Relation::Acquired => "acquired",
            Relation::PartnersWith => "partnersWith",
            Relation::CompetesWith => "competesWith",
            Relation::Leads => "leads",
            Relation::WorksFor => "worksFor",
            Relation::FormerlyWorkedFor => "formerlyWorkedFor",
            Relation::Founded => "founded",
            Relation::Develops => "develops",
            Relation::Uses => "uses",
            Relation::SuppliesTo => "suppliesTo",
            Relation::PartOf => "partOf",
            Relation::LocatedIn => "locatedIn",
            Relation::Valuation => "valuation",
            Relation::FundingRaised => "fundingRaised",
            Relation::Loss => "loss",
            Relation::Revenue => "revenue",
            Relation::UserCount => "userCount",
        }
    }

    /// Parses a local name, with or without the `ng:` prefix.
    pub fn parse(s: &str) -> Option<Relation> {
        let s = s.trim();
        let s = s.strip_prefix("ng:").unwrap_or(s);
        Relation::ALL.into_iter().find(|r| r.name() == s)
    }

    pub fn kind(self) -> RelationKind {
        match self {
            Relation::Valuation | Relation::FundingRaised | Relation::Loss | Relation::Revenue => {
                RelationKind::Money
            }
            Relation::UserCount => RelationKind::Number,
            _ => RelationKind::Entity,
        }
    }

    /// Symmetric relations are stored once per pair and matched in either order.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Relation::PartnersWith | Relation::CompetesWith)
    }

    /// Entity types allowed as subject.
    pub fn domain(self) -> &'static [EntityType] {
        match self {
            Relation::InvestsIn => &[Organization, Person],
            Relation::Acquired | Relation::PartnersWith | Relation::SuppliesTo => &[Organization],
            Relation::CompetesWith => &[Organization, Product],
            Relation::Leads | Relation::WorksFor | Relation::FormerlyWorkedFor => &[Person],
            Relation::Founded => &[Person, Organization],
            Relation::Develops => &[Organization],
            Relation::Uses => &[Organization, Product],
            Relation::PartOf => &[Organization, Product],
            Relation::LocatedIn => &[Organization, Event, Place],
            Relation::Valuation | Relation::FundingRaised | Relation::Loss | Relation::Revenue => {
                &[Organization]
            }
            Relation::UserCount => &[Organization, Product],
        }
    }

    /// Entity types allowed as object (empty for literal relations).
    pub fn range(self) -> &'static [EntityType] {
        match self {
            Relation::InvestsIn | Relation::Acquired | Relation::PartnersWith => &[Organization],
            Relation::CompetesWith => &[Organization, Product],
            // A head of state "leads" a country; people work for governments and places.
            Relation::Leads | Relation::WorksFor | Relation::FormerlyWorkedFor => {
                &[Organization, Place]
            }
            Relation::Founded | Relation::SuppliesTo | Relation::PartOf => &[Organization],
            Relation::Develops => &[Product],
            Relation::Uses => &[Product, Organization],
            Relation::LocatedIn => &[Place],
            _ => &[],
        }
    }

    /// Whether `subject` and `object` types fit this relation.
    pub fn accepts(self, subject: EntityType, object: EntityType) -> bool {
        self.domain().contains(&subject) && self.range().contains(&object)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Relation::ALL {
            assert_eq!(Relation::parse(r.name()), Some(r));
        }
        assert_eq!(Relation::parse("ng:investsIn"), Some(Relation::InvestsIn));
        assert_eq!(Relation::parse("invests"), None);
    }

    #[test]
    fn constraints_follow_the_design_table() {
        assert!(Relation::Leads.accepts(Person, Organization));
        assert!(!Relation::Leads.accepts(Organization, Organization));
        assert!(Relation::Develops.accepts(Organization, Product));
        assert!(!Relation::Develops.accepts(Organization, Organization));
        assert!(Relation::LocatedIn.accepts(Place, Place));
        assert!(Relation::PartnersWith.is_symmetric());
        assert!(!Relation::InvestsIn.is_symmetric());
        assert_eq!(Relation::Valuation.kind(), RelationKind::Money);
        assert!(Relation::Valuation.range().is_empty());
    }
}
