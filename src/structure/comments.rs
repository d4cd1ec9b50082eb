//! Review comments: each gets an id and the id of the body node it is anchored in.

use std::collections::HashMap;

use super::normalize::squash;
use crate::blocks::CommentBody;
use crate::model::{Comment, Node};

/// Where a block of the stream ended up in the body.
pub(super) enum Placed {
    /// In the entry of this index (entries become nodes in document order).
    Entry(usize),
    /// In this item.
    Item(String),
}

/// The model's comments: `comment-N` ids in source order, anchors resolved to node ids.
/// `placed` maps a block index to where the builder put the block; the body's nodes in
/// document order are the builder's entries in order.
pub(super) fn anchor(
    comments: Vec<CommentBody>,
    placed: &HashMap<usize, Placed>,
    body: &[Node],
) -> Vec<Comment> {
    let mut ids = Vec::new();
    node_ids(body, &mut ids);
    comments
        .into_iter()
        .enumerate()
        .map(|(n, c)| Comment {
            id: format!("comment-{}", n + 1),
            author: c.author,
            date: c.date,
            text: squash(&c.text),
            anchor: c.block.and_then(|b| placed.get(&b)).and_then(|p| match p {
                Placed::Entry(e) => ids.get(*e).map(|s| s.to_string()),
                Placed::Item(id) => Some(id.clone()),
            }),
        })
        .collect()
}

/// Node ids in document order (a heading before its children).
fn node_ids<'a>(nodes: &'a [Node], out: &mut Vec<&'a str>) {
    for n in nodes {
        out.push(n.id());
        if let Node::Heading(h) = n {
            node_ids(&h.children, out);
        }
    }
}
