//! The mutation catalogue is complete: every rule of the registry (but those only a user-supplied
//! spec can raise, as their declarations say) and every constraint of the derived response
//! schemas has a mutation.

use std::collections::BTreeSet;

use mtlint_gen::constraints::enumerate;
use mtlint_gen::mutation::catalogue;
use mtlint_rules::registry;
use mtlint_schema::Contract;

fn rules_with_mutations() -> BTreeSet<&'static str> {
    catalogue().iter().map(|m| m.rule.name).collect()
}

#[test]
fn every_registry_rule_has_a_mutation() {
    let covered = rules_with_mutations();
    let missing: Vec<&str> = registry::all()
        .iter()
        .map(|e| e.meta())
        .filter(|meta| !meta.only_with_user_spec)
        .map(|meta| meta.name)
        .filter(|name| !covered.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "registry rules without a mutation: {missing:?}"
    );
}

#[test]
fn rules_only_a_user_spec_raises_have_no_mutation() {
    let covered = rules_with_mutations();
    for entry in registry::all() {
        let meta = entry.meta();
        if meta.only_with_user_spec {
            assert!(
                !covered.contains(meta.name),
                "{} is declared as raised only with --spec, but a mutation of the bundled contract raises it",
                meta.name
            );
        }
    }
}

#[test]
fn every_spec_constraint_has_a_mutation() {
    let constraints = enumerate(Contract::embedded());
    assert!(
        constraints.len() > 150,
        "only {} constraints found",
        constraints.len()
    );
    let mut claimed = BTreeSet::new();
    for m in catalogue() {
        for c in &m.covers {
            claimed.insert(c.clone());
        }
    }
    let uncovered: Vec<&String> = constraints.difference(&claimed).collect();
    assert!(
        uncovered.is_empty(),
        "spec constraints without a mutation: {uncovered:#?}"
    );
    let stale: Vec<&String> = claimed.difference(&constraints).collect();
    assert!(
        stale.is_empty(),
        "mutations claim constraints the schema does not have: {stale:#?}"
    );
}

#[test]
fn the_enumeration_sees_each_keyword_kind() {
    let constraints = enumerate(Contract::embedded());
    for wanted in [
        "sql.v1.MaterializedTableList#required:data",
        "sql.v1.MaterializedTable/properties/name#pattern",
        "sql.v1.MaterializedTable/properties/name#maxLength",
        "ListMeta/properties/total_size#minimum",
        "ListMeta/properties/total_size#x-mtlint-int32",
        "sql.v1.MaterializedTableSpec/properties/table_options#maxProperties",
        "sql.v1.MaterializedTableList/properties/data#uniqueItems",
        "ObjectMeta/properties/created_at#format",
        "Error#additionalProperties:false",
        "sql.v1.ColumnDetails/allOf/0/properties/kind#x-mtlint-discriminator",
        "sql.v1.MaterializedTableStatus/properties/phase#enum",
        "DataType/properties/type#type",
    ] {
        assert!(constraints.contains(wanted), "{wanted} not enumerated");
    }
    // The discriminator's dispatch conditions are not constraints.
    assert!(
        !constraints.iter().any(|c| c.contains("/if")),
        "{constraints:#?}"
    );
}

#[test]
fn mutation_ids_are_unique_kebab_case() {
    let mut seen = BTreeSet::new();
    for m in catalogue() {
        assert!(seen.insert(m.id.clone()), "{} twice", m.id);
        assert!(
            m.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            m.id
        );
        assert!(!m.description.is_empty());
    }
}
