//! Targets of the Sustainable Development Goals.
//!
//! ```text
//! sdgref = ( "targets" | "target" ) , target , { list_sep , target }
//!        , [ " of the Sustainable Development Goals" ] ;
//! target = goal (1-17) , "." , ( 1-2 digits | "a" | "b" | "c" ) ;
//! ```
//!
//! A "target" followed by a quantity (`target 1.5 per cent`, `target 2.5%`) is not an SDG
//! target.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::recognize;
use nom::Parser;

use super::common::{any_kw, any_phrase, list_sep_w, sp, sp0, word_end, PResult};
use super::context::{Ctx, Found, Here};
use crate::model::RefTarget;
use crate::un::lang::Words;

/// `4 (a)`: the lettered target written as an item label; gives `4.a`.
fn bracketed_target(i: &str) -> PResult<'_, String> {
    let (rest, (g, _, _, c, _)) = (
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        sp0,
        char('('),
        one_of("abc"),
        char(')'),
    )
        .parse(i)?;
    let goal: u32 = g.parse().unwrap_or(0);
    if !(1..=17).contains(&goal) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, format!("{g}.{c}")))
}

fn target<'a>(w: &Words, i: &'a str) -> PResult<'a, String> {
    alt((|i| dotted_target(w, i), bracketed_target)).parse(i)
}

/// `target 7 of Sustainable Development Goal 3` gives `3.7`.
fn target_of_sdg(i: &str) -> PResult<'_, String> {
    let num = || take_while_m_n(1, 2, |c: char| c.is_ascii_digit());
    let (rest, (t, _, _, _, _, _, _, _, _, _, g, _)) = (
        num(),
        sp,
        tag("of"),
        sp,
        nom::combinator::opt((tag("the"), sp)),
        tag("Sustainable"),
        sp,
        tag("Development"),
        sp,
        tag("Goal"),
        nom::sequence::preceded(sp, num()),
        word_end,
    )
        .parse(i)?;
    let goal: u32 = g.parse().unwrap_or(0);
    if !(1..=17).contains(&goal) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, format!("{g}.{t}")))
}

fn dotted_target<'a>(w: &Words, i: &'a str) -> PResult<'a, String> {
    let (rest, t) = recognize((
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        char('.'),
        alt((
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            recognize(one_of("abcABC")),
        )),
    ))
    .parse(i)?;
    let (rest, _) = word_end(rest)?;
    let goal: u32 = t
        .split('.')
        .next()
        .and_then(|g| g.parse().ok())
        .unwrap_or(0);
    let quantity = (sp0, |i| any_word_or_sign(w.quantity, i))
        .parse(rest)
        .is_ok();
    if !(1..=17).contains(&goal) || quantity {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    // Targets are written `4.a`; Spanish versions print `4.A`.
    Ok((rest, t.to_ascii_lowercase()))
}

/// `per cent`, `%`: a quantity word or sign.
fn any_word_or_sign<'a>(words: &[&str], i: &'a str) -> PResult<'a, &'a str> {
    words
        .iter()
        .find_map(|q| tag::<_, _, nom::error::Error<&str>>(*q)(i).ok())
        .ok_or_else(|| super::common::no_match(i))
}

/// `3 de l’objectif 16`: target 16.3 written target first.
fn target_of_goal<'a>(w: &Words, i: &'a str) -> Option<(&'a str, String)> {
    let (rest, t) =
        take_while_m_n::<_, _, nom::error::Error<&str>>(1, 2, |c: char| c.is_ascii_digit())(i)
            .ok()?;
    let (rest, _) = sp(rest).ok()?;
    let rest = w.target_of_goal.iter().find_map(|p| rest.strip_prefix(p))?;
    let (rest, _) = sp(rest).ok()?;
    let (rest, g) =
        take_while_m_n::<_, _, nom::error::Error<&str>>(1, 2, |c: char| c.is_ascii_digit())(rest)
            .ok()?;
    word_end(rest).ok()?;
    let goal: u32 = g.parse().ok()?;
    (1..=17).contains(&goal).then(|| (rest, format!("{g}.{t}")))
}

fn of_the_goals<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    let (rest, _) = sp(i)?;
    any_phrase(w.goals, rest)
}

/// An SDG-target reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, out: &mut Vec<Found>) -> Option<usize> {
    let w = cx.w;
    let (mut rest, _) = (|i| any_kw(w.target_keywords, i), sp)
        .parse(h.input())
        .ok()?;
    if let Ok((r, t)) = target_of_sdg(rest) {
        return h.found(r, RefTarget::SdgTarget { targets: vec![t] }, out);
    }
    let (r, first) = target(w, rest).ok().or_else(|| target_of_goal(w, rest))?;
    rest = r;
    let mut targets = vec![first];
    while let Ok((r, (_, t))) = (|i| list_sep_w(w, i), |i| target(w, i)).parse(rest) {
        targets.push(t);
        rest = r;
    }
    if let Ok((r, _)) = of_the_goals(w, rest) {
        rest = r;
    }
    h.found(rest, RefTarget::SdgTarget { targets }, out)
}

#[cfg(test)]
mod tests {
    use crate::model::{RefTarget, TreatyBody};
    use crate::refs::context::{Budget, Ctx, State};
    use crate::refs::scan::scan;

    fn targets(text: &str) -> Vec<Vec<String>> {
        let cx = Ctx {
            body: Some(TreatyBody::Crpd),
            protocol: None,
            ibid: true,
            w: crate::un::lang::Lang::En.words(),
            members: Budget::new(u64::MAX),
        };
        scan(text, &cx, &mut State::default())
            .into_iter()
            .filter_map(|r| match r.target {
                RefTarget::SdgTarget { targets } => Some(targets),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lettered_targets_and_goal_forms() {
        assert_eq!(
            targets("and targets 4.5 and 4 (a) of the Goals"),
            [["4.5", "4.a"]]
        );
        assert_eq!(
            targets("see targets 9 (c), 11.2 and 11.7."),
            [["9.c", "11.2", "11.7"]]
        );
        assert_eq!(
            targets("target 7 of Sustainable Development Goal 3"),
            [["3.7"]]
        );
        assert!(targets("target 18 (a) and target 4 of Goal").is_empty());
    }
}
