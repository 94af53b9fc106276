//! Client lists sorted by a figure, ties by id, without comparing ids.
//!
//! The ledger hands clients out in id order ([`crate::ledger::Histories`]) and
//! every list is built by walking them in that order, so a stable sort on the
//! figure alone leaves equal figures in id order. On a file of one-purchase
//! clients most clients share a figure with many others, and comparing their ids
//! (long shared prefixes, one cache miss each) was a fifth of the analysis.

use std::cmp::Ordering;

/// Sorts `list` by `figure`, ties in id order. `list` must be in id order already:
/// debug builds (the tests) check it.
pub fn by_figure<T, K: Ord>(list: &mut [T], id: impl Fn(&T) -> &str, figure: impl FnMut(&T) -> K) {
    debug_assert!(list.windows(2).all(|w| id(&w[0]) < id(&w[1])), "a list built out of id order");
    sort_by_key(list, figure);
}

/// The stable order of `n` items under `cmp`: position k names the item that goes
/// there. The crate's stable sorts go through this one instantiation of the
/// standard library's sort: each `sort_by` on another element type or comparator
/// is another copy of it, about 5.5 KB of the page's wasm (issue 16).
pub fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// `list` sorted stably by `cmp`, as `slice::sort_by` does, through [`stable_order`].
pub fn sort_by<T>(list: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(list.len(), &|a, b| cmp(&list[a], &list[b]));
    apply(list, order);
}

/// `list` sorted stably by `key`, as `slice::sort_by_key` does (each key computed
/// once), through [`stable_order`].
pub fn sort_by_key<T, K: Ord>(list: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = list.iter().map(key).collect();
    let order = stable_order(list.len(), &|a, b| keys[a].cmp(&keys[b]));
    apply(list, order);
}

/// Puts `items` in the order `order` gives (position k takes the item at
/// `order[k]`), moving each item once: for lists of large rows, cheaper than
/// sorting the rows themselves or building a second vector.
pub fn apply<T>(items: &mut [T], mut order: Vec<usize>) {
    debug_assert_eq!(items.len(), order.len());
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let next = order[k];
            items.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_id_order_and_a_permutation_moves_every_item() {
        let mut v = vec![("a", 2), ("b", 3), ("c", 2), ("d", 3)];
        by_figure(&mut v, |x| x.0, |x| std::cmp::Reverse(x.1));
        assert_eq!(v, [("b", 3), ("d", 3), ("a", 2), ("c", 2)]);
        let mut w = vec!['a', 'b', 'c', 'd', 'e'];
        apply(&mut w, vec![3, 0, 4, 1, 2]);
        assert_eq!(w, ['d', 'a', 'e', 'b', 'c']);
    }
}
