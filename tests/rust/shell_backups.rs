//! The phone apps keep the progress store out of the operating system's backups: it holds
//! private self-assessment answers, checklist notes and the server token, and the learner's
//! own backup is the sync server, only when they turn it on (ADR 0013). No Android SDK or
//! Xcode runs here, so this reads the manifest, the backup rules and the Swift source, as the
//! build would use them.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository")
        .to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The value of `attribute` on the manifest's `<application>` element.
fn application_attribute(manifest: &str, attribute: &str) -> Option<String> {
    let start = manifest.find("<application")?;
    let end = start + manifest[start..].find('>')?;
    let element = &manifest[start..end];
    let key = format!("{attribute}=\"");
    let at = element.find(&key)? + key.len();
    Some(element[at..].split('"').next()?.to_owned())
}

/// Every `<exclude .../>` domain inside `<section>` of a backup rules file.
fn excluded_domains(rules: &str, section: &str) -> Vec<String> {
    let open = format!("<{section}>");
    let close = format!("</{section}>");
    let Some(start) = rules.find(&open) else {
        return Vec::new();
    };
    let end = rules[start..]
        .find(&close)
        .map_or(rules.len(), |e| start + e);
    rules[start..end]
        .split("<exclude")
        .skip(1)
        .filter(|e| e.contains("path=\".\""))
        .filter_map(|e| e.split("domain=\"").nth(1)?.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The domains that, together, hold everything an app keeps in its private storage.
const ALL_DOMAINS: [&str; 4] = ["root", "file", "database", "sharedpref"];

#[test]
fn android_backs_up_nothing_of_the_app() {
    let manifest = read("android/app/src/main/AndroidManifest.xml");
    assert_eq!(
        application_attribute(&manifest, "android:allowBackup").as_deref(),
        Some("false")
    );
    let extraction = application_attribute(&manifest, "android:dataExtractionRules")
        .expect("Android 12+ rules are named");
    let full = application_attribute(&manifest, "android:fullBackupContent")
        .expect("Android 11- rules are named");
    let file = |reference: &str| {
        let name = reference.strip_prefix("@xml/").expect("an XML resource");
        read(&format!("android/app/src/main/res/xml/{name}.xml"))
    };
    let extraction = file(&extraction);
    for section in ["cloud-backup", "device-transfer"] {
        let excluded = excluded_domains(&extraction, section);
        for domain in ALL_DOMAINS {
            assert!(
                excluded.iter().any(|d| d == domain),
                "{section} does not exclude {domain}: {excluded:?}"
            );
        }
    }
    let full = file(&full);
    let excluded = excluded_domains(&full, "full-backup-content");
    for domain in ALL_DOMAINS {
        assert!(
            excluded.iter().any(|d| d == domain),
            "full backup keeps {domain}"
        );
    }
}

#[test]
fn ios_excludes_the_progress_folder_from_backup() {
    // The folder the runtime opens, and the exclusion set on that same folder before opening.
    let core = read("ios/Councillor/Core/Core.swift");
    assert!(
        core.contains("isExcludedFromBackup = true"),
        "Core.swift never sets isExcludedFromBackup"
    );
    let set = core.find("isExcludedFromBackup = true").unwrap();
    let resource = core[set..]
        .find("setResourceValues")
        .expect("the value is applied with setResourceValues");
    assert!(
        resource < 400,
        "isExcludedFromBackup is set but not applied nearby"
    );
}

#[test]
fn the_checks_fail_on_a_manifest_that_allows_backup() {
    let permissive = r#"<manifest><application android:allowBackup="true" android:label="x"></application></manifest>"#;
    assert_eq!(
        application_attribute(permissive, "android:allowBackup").as_deref(),
        Some("true")
    );
    let partial = r#"<cloud-backup><exclude domain="file" path="." /></cloud-backup>"#;
    assert_eq!(excluded_domains(partial, "cloud-backup"), ["file"]);
    let narrow = r#"<cloud-backup><exclude domain="database" path="progress.db" /></cloud-backup>"#;
    assert!(excluded_domains(narrow, "cloud-backup").is_empty());
}
