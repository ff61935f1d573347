//! Checklist templates.

use std::collections::HashMap;

use super::{Loader, SourceFile, check_id, raw};
use crate::diagnostic::Location;
use crate::model::{Checklist, ChecklistItem, Section};

impl Loader {
    pub(super) fn checklists(&mut self) -> Vec<Checklist> {
        let dir = self.dir.join("checklists");
        let mut checklists = Vec::new();
        for path in self.list_dir(&dir) {
            if path.extension().is_none_or(|e| e != "toml") {
                let rel = self.rel(&path);
                self.diagnostics.push(
                    Location::new(rel, 0),
                    "unexpected file; checklists are .toml files",
                );
                continue;
            }
            let Some(file) = self.read(&path) else {
                continue;
            };
            let Some(raw) = self.parse::<raw::Checklist>(&file) else {
                continue;
            };
            checklists.push(self.checklist(&file, raw));
        }
        checklists
    }

    fn checklist(&mut self, file: &SourceFile, raw: raw::Checklist) -> Checklist {
        let whole = file.whole();
        self.define("checklist", &raw.id, whole.clone());
        self.text(whole.clone(), &raw.title, None);
        self.text(whole.clone(), &raw.summary, None);
        let mut seen: HashMap<String, Location> = HashMap::new();
        let mut sections = Vec::new();
        for section in raw.sections {
            let location = file.at(section.span());
            let section = section.into_inner();
            check_id(&mut self.diagnostics, &location, &section.id);
            self.text(location.clone(), &section.title, None);
            if section.items.is_empty() {
                self.diagnostics.push(
                    location.clone(),
                    "this section has no items; add [[section.item]] tables",
                );
            }
            let mut items = Vec::new();
            for item in section.items {
                let location = file.at(item.span());
                let item = item.into_inner();
                check_id(&mut self.diagnostics, &location, &item.id);
                if let Some(first) = seen.insert(item.id.clone(), location.clone()) {
                    self.diagnostics.push(
                        location.clone(),
                        format!(
                            "duplicate item id '{}': it is already used at {first}",
                            item.id
                        ),
                    );
                }
                self.text(location.clone(), &item.text, None);
                if let Some(prompt) = &item.note_prompt {
                    self.text(location, prompt, None);
                }
                items.push(ChecklistItem {
                    id: item.id,
                    text: item.text,
                    note_prompt: item.note_prompt,
                });
            }
            sections.push(Section {
                id: section.id,
                title: section.title,
                items,
            });
        }
        if sections.is_empty() {
            self.diagnostics.push(
                whole,
                "this checklist has no sections; add [[section]] tables",
            );
        }
        Checklist {
            id: raw.id,
            title: raw.title,
            summary: raw.summary,
            sections,
        }
    }
}
