//! Client lists sorted by a figure, ties by id, without comparing ids.
//!
//! The ledger hands clients out in id order ([`crate::ledger::Histories`]) and
//! every list is built by walking them in that order, so a stable sort on the
//! figure alone leaves equal figures in id order. On a file of one-purchase
//! clients most clients share a figure with many others, and comparing their ids
//! (long shared prefixes, one cache miss each) was a fifth of the analysis.

/// Sorts `list` by `figure`, ties in id order. `list` must be in id order already:
/// debug builds (the tests) check it.
pub fn by_figure<T, K: Ord>(list: &mut [T], id: impl Fn(&T) -> &str, figure: impl FnMut(&T) -> K) {
    debug_assert!(list.windows(2).all(|w| id(&w[0]) < id(&w[1])), "a list built out of id order");
    list.sort_by_key(figure);
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
