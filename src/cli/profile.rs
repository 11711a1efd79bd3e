//! The `--profile` and `--placeholders` flags that every command whose output leaves the
//! machine takes: which redaction profile applies, and how it shows confidential
//! stakeholders.

use crate::io::{ConfidentialAs, RedactionOptions, RedactionProfile};
use clap::builder::{PossibleValuesParser, TypedValueParser};

/// Parses `--profile` by the profile's own names, listing them in `--help` and errors.
pub fn parser() -> impl TypedValueParser<Value = RedactionProfile> {
    PossibleValuesParser::new(RedactionProfile::ALL.map(RedactionProfile::name))
        .try_map(|name| name.parse::<RedactionProfile>())
}

/// The redaction options from the two flags.
pub fn options(profile: RedactionProfile, placeholders: bool) -> RedactionOptions {
    RedactionOptions {
        profile,
        confidential_as: if placeholders {
            ConfidentialAs::Placeholder
        } else {
            ConfidentialAs::Omitted
        },
    }
}
