//! The content pack the server offers: the one compiled into the core, or a newer one from a
//! folder, checked with the same validator and rules as the build.
//!
//! The pack is serialized to JSON once, at start, and every `GET /pack` shares those bytes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use content::Pack;
use content::originality::Fingerprint;
use content::source::{self, Rules};
use shared::pack::Content;

/// The pack being served, ready to send.
#[derive(Debug, Clone)]
pub struct ServedPack {
    pub id: String,
    pub version: u32,
    /// The compiled pack as JSON.
    pub json: Arc<[u8]>,
    /// The pack as the core reads it: reports fold records against it.
    pub content: Arc<Content>,
}

impl ServedPack {
    fn of(content: Arc<Content>) -> Self {
        let pack: &Pack = &content.pack;
        Self {
            id: pack.id.clone(),
            version: pack.version,
            json: serde_json::to_vec(pack)
                .expect("a pack always serializes")
                .into(),
            content,
        }
    }

    /// The pack compiled into `shared`.
    pub fn builtin() -> Self {
        Self::of(Content::default_content())
    }

    /// A pack from its source folder, checked under the programme rules: the same checks that
    /// keep an invalid pack out of the app's build keep it off the server. `fingerprint` is the
    /// file of source-document hashes (default: `seeds.fingerprint` beside the folder, as for
    /// `content check`).
    pub fn load(dir: &Path, fingerprint: Option<&Path>) -> Result<Self, String> {
        let print_file = fingerprint.map_or_else(
            || {
                dir.parent()
                    .unwrap_or(Path::new("."))
                    .join("seeds.fingerprint")
            },
            PathBuf::from,
        );
        let text = std::fs::read_to_string(&print_file).map_err(|e| {
            format!(
                "cannot read the source fingerprint {}: {e}\nGive it with --pack-fingerprint, or create it with `content fingerprint <seeds dir>`.",
                print_file.display()
            )
        })?;
        let print =
            Fingerprint::parse(&text).map_err(|e| format!("{}: {e}", print_file.display()))?;
        let compiled = source::load(dir, &Rules::programme(Some(print))).map_err(|problems| {
            format!(
                "the content pack at {} has {} problem(s):\n{problems}",
                dir.display(),
                problems.len()
            )
        })?;
        let builtin = Content::default_content();
        if compiled.pack.version < builtin.pack.version {
            return Err(format!(
                "the content pack at {} is version {}, older than the version {} built into this server. Devices only take a newer pack.",
                dir.display(),
                compiled.pack.version,
                builtin.pack.version
            ));
        }
        Ok(Self::of(Arc::new(Content::new(compiled.pack))))
    }
}
