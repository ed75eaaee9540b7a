import { useRef, useState } from 'react';

/**
 * Runs a posting at most once at a time: a second press while the first request runs does nothing.
 * The ref, not the state, is the guard, because a double click lands before React re-renders with
 * `posting` true. (The idempotency key makes the server post once anyway; this keeps the tab from asking twice.)
 */
export function usePostOnce() {
  const [posting, setPosting] = useState(false);
  const postingRef = useRef(false);
  const postOnce = async (post: () => Promise<void>) => {
    if (postingRef.current) return;
    postingRef.current = true;
    setPosting(true);
    try {
      await post();
    } finally {
      postingRef.current = false;
      setPosting(false);
    }
  };
  return { posting, postOnce };
}
