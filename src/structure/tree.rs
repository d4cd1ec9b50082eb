//! The heading tree: flat entries folded under their headings, `sec-K.M` ids.

use crate::model::walk::{parts_of, Part};
use crate::model::{Anchor, Heading, Node, Paragraph, Table, TextBlock, Warning, WarningCode};

/// A classified body paragraph, before the tree is folded.
pub(super) enum Entry {
    Heading {
        level: u8,
        number: Option<String>,
        title: String,
        anchors: Vec<Anchor>,
    },
    Paragraph(Paragraph),
    Text(TextBlock),
    Table(Vec<Vec<String>>),
}

/// Folds the flat entries into the heading tree, numbers sections and tables, and warns
/// about headings with nothing under them.
pub(super) fn fold(entries: Vec<Entry>, warnings: &mut Vec<Warning>) -> Vec<Node> {
    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<Heading> = Vec::new();
    let mut table_no = 0;
    for e in entries {
        let node = match e {
            Entry::Heading {
                level,
                number,
                title,
                anchors,
            } => {
                while stack.last().is_some_and(|h| h.level >= level) {
                    pop_heading(&mut stack, &mut root);
                }
                stack.push(Heading {
                    id: String::new(),
                    level,
                    number,
                    title,
                    footnotes: anchors,
                    refs: vec![],
                    children: vec![],
                });
                continue;
            }
            Entry::Paragraph(p) => Node::Paragraph(p),
            Entry::Text(t) => Node::Text(t),
            Entry::Table(rows) => {
                table_no += 1;
                Node::Table(Table {
                    id: format!("table-{table_no}"),
                    rows,
                })
            }
        };
        match stack.last_mut() {
            Some(h) => h.children.push(node),
            None => root.push(node),
        }
    }
    while !stack.is_empty() {
        pop_heading(&mut stack, &mut root);
    }
    number_sections(&mut root, "sec-");
    for part in parts_of(&root) {
        if let Part::Node(Node::Heading(h)) = part {
            if h.children.is_empty() {
                warnings.push(Warning::new(
                    WarningCode::EmptyHeading,
                    format!("heading \"{}\" has no content", h.title),
                    Some(h.id.clone()),
                ));
            }
        }
    }
    root
}

fn pop_heading(stack: &mut Vec<Heading>, root: &mut Vec<Node>) {
    if let Some(h) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(Node::Heading(h)),
            None => root.push(Node::Heading(h)),
        }
    }
}

/// `sec-K` / `sec-K.M`: K is the heading's position among its sibling headings.
fn number_sections(nodes: &mut [Node], prefix: &str) {
    let mut k = 0;
    for n in nodes {
        if let Node::Heading(h) = n {
            k += 1;
            h.id = format!("{prefix}{k}");
            let child_prefix = format!("{}.", h.id);
            number_sections(&mut h.children, &child_prefix);
        }
    }
}
