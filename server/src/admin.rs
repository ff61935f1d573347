//! What the operator does from the command line: councils and their cohorts.
//!
//! Names are trimmed and must not be empty; a council's name is unique whatever the case. Each
//! failure says what to type next.

use crate::secrets;
use crate::storage::{Cohort, Council, Storage, StorageError};

/// The council `--demo-cohort` puts its cohort in.
pub const DEMO_COUNCIL: &str = "Demo council";

/// Longest council or cohort name, in characters: long enough for "Royal Borough of Windsor and
/// Maidenhead, spring 2027 intake", short enough for a table cell.
pub const MAX_NAME: usize = 120;

/// Why an operator's command did nothing.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("a {0} needs a name of 1 to {MAX_NAME} characters, with no control characters")]
    BadName(&'static str),
    #[error("there is already a council called \"{0}\"")]
    CouncilExists(String),
    #[error("there is no council yet. Add one first: nc-server council add \"NAME\"")]
    NoCouncilYet,
    #[error("there is no council called \"{name}\". The councils are: {}", known.join(", "))]
    NoSuchCouncil { name: String, known: Vec<String> },
    #[error("say which council the cohort is for, with --council NAME. The councils are: {}", known.join(", "))]
    WhichCouncil { known: Vec<String> },
    #[error("could not find an unused cohort code; try again")]
    NoFreeCode,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

fn clean_name<'a>(what: &'static str, name: &'a str) -> Result<&'a str, AdminError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(AdminError::BadName(what));
    }
    Ok(name)
}

pub fn add_council(storage: &impl Storage, name: &str, now_ms: u64) -> Result<Council, AdminError> {
    let name = clean_name("council", name)?;
    storage
        .add_council(name, now_ms)?
        .ok_or_else(|| AdminError::CouncilExists(name.to_owned()))
}

/// Gives a council a new name, unique like the old one.
pub fn rename_council(storage: &impl Storage, from: &str, to: &str) -> Result<Council, AdminError> {
    let council = pick_council(storage, Some(from))?;
    let to = clean_name("council", to)?;
    if storage.rename_council(council.id, to)? {
        Ok(Council {
            id: council.id,
            name: to.to_owned(),
        })
    } else {
        Err(AdminError::CouncilExists(to.to_owned()))
    }
}

/// The council a cohort goes in: the one named, or, when none is named, the only one.
pub fn pick_council(storage: &impl Storage, name: Option<&str>) -> Result<Council, AdminError> {
    let councils = storage.councils()?;
    let known = || councils.iter().map(|c| c.name.clone()).collect();
    match name.map(str::trim) {
        Some(name) => councils
            .iter()
            // The database's NOCASE rule, which keeps names unique.
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .cloned()
            .ok_or_else(|| AdminError::NoSuchCouncil {
                name: name.to_owned(),
                known: known(),
            }),
        None => match councils.as_slice() {
            [] => Err(AdminError::NoCouncilYet),
            [only] => Ok(only.clone()),
            _ => Err(AdminError::WhichCouncil { known: known() }),
        },
    }
}

/// Makes a cohort with a fresh join code in a council.
pub fn add_cohort(
    storage: &impl Storage,
    council: &Council,
    name: &str,
    now_ms: u64,
) -> Result<Cohort, AdminError> {
    let name = clean_name("cohort", name)?;
    // A collision among 31^8 codes is very unlikely; trying a few times makes it impossible
    // in practice without a loop that could spin.
    for _ in 0..8 {
        let code = secrets::new_cohort_code();
        if let Some(cohort) = storage.add_cohort(council, name, &code, now_ms)? {
            return Ok(cohort);
        }
    }
    Err(AdminError::NoFreeCode)
}

/// The cohort with this name in this council, each made if missing: for `--demo-cohort` and
/// tests.
pub fn ensure_cohort(
    storage: &impl Storage,
    council: &str,
    name: &str,
    now_ms: u64,
) -> Result<Cohort, AdminError> {
    let council = match pick_council(storage, Some(council)) {
        Ok(council) => council,
        Err(AdminError::NoSuchCouncil { .. }) => add_council(storage, council, now_ms)?,
        Err(e) => return Err(e),
    };
    let existing = storage
        .cohorts()?
        .into_iter()
        .find(|c| c.council.id == council.id && c.name == name.trim());
    match existing {
        Some(cohort) => Ok(cohort),
        None => add_cohort(storage, &council, name, now_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::sqlite::SqliteStorage;
    use crate::testing::TempDir;

    /// A fresh database; the folder goes when the test ends.
    fn storage() -> (SqliteStorage, TempDir) {
        let dir = TempDir::new("admin").unwrap();
        (
            SqliteStorage::open(&dir.path().join("db.sqlite3")).unwrap(),
            dir,
        )
    }

    #[test]
    fn council_names_are_trimmed_checked_and_unique_whatever_the_case() {
        let (s, _dir) = storage();
        assert_eq!(add_council(&s, "  Leeds  ", 1).unwrap().name, "Leeds");
        assert!(matches!(
            add_council(&s, "LEEDS", 2),
            Err(AdminError::CouncilExists(name)) if name == "LEEDS"
        ));
        for bad in ["", "   ", "a\u{7}b", &"x".repeat(MAX_NAME + 1)] {
            assert!(matches!(
                add_council(&s, bad, 3),
                Err(AdminError::BadName("council"))
            ));
        }
    }

    #[test]
    fn a_cohort_goes_in_the_named_council_or_the_only_one() {
        let (s, _dir) = storage();
        assert!(matches!(
            pick_council(&s, None),
            Err(AdminError::NoCouncilYet)
        ));
        let leeds = add_council(&s, "Leeds", 1).unwrap();
        assert_eq!(pick_council(&s, None).unwrap(), leeds);
        let york = add_council(&s, "York", 1).unwrap();
        assert!(matches!(
            pick_council(&s, None),
            Err(AdminError::WhichCouncil { known }) if known == ["Leeds", "York"]
        ));
        assert_eq!(pick_council(&s, Some(" york ")).unwrap(), york);
        let error = pick_council(&s, Some("Hull")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "there is no council called \"Hull\". The councils are: Leeds, York"
        );
        let cohort = add_cohort(&s, &york, "Spring", 2).unwrap();
        assert_eq!(cohort.council, york);
        assert_eq!(s.cohort_by_code(&cohort.code).unwrap().unwrap(), cohort);
        assert!(matches!(
            add_cohort(&s, &york, " ", 2),
            Err(AdminError::BadName("cohort"))
        ));
    }

    #[test]
    fn a_council_is_renamed_unless_the_name_is_taken() {
        let (s, _dir) = storage();
        let leeds = add_council(&s, "Default council", 1).unwrap();
        add_council(&s, "York", 1).unwrap();
        let renamed = rename_council(&s, "default COUNCIL", "Leeds").unwrap();
        assert_eq!((renamed.id, renamed.name.as_str()), (leeds.id, "Leeds"));
        assert!(matches!(
            rename_council(&s, "Leeds", "york"),
            Err(AdminError::CouncilExists(_))
        ));
        assert!(matches!(
            rename_council(&s, "Hull", "Bath"),
            Err(AdminError::NoSuchCouncil { .. })
        ));
        let names: Vec<String> = s.councils().unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["Leeds", "York"]);
    }

    #[test]
    fn ensure_cohort_makes_what_is_missing_once() {
        let (s, _dir) = storage();
        let first = ensure_cohort(&s, DEMO_COUNCIL, "Demo cohort", 1).unwrap();
        let again = ensure_cohort(&s, DEMO_COUNCIL, "Demo cohort", 2).unwrap();
        assert_eq!(first, again);
        assert_eq!(s.councils().unwrap().len(), 1);
        let other = ensure_cohort(&s, "Hull", "Demo cohort", 3).unwrap();
        assert_ne!(
            other.code, first.code,
            "same name, another council: another cohort"
        );
    }
}
