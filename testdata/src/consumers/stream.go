package consumers

import (
	"context"
	"errors"
)

// Listings streamed to a callback: each item goes to fn as it is found,
// and the nil at the end tells whoever passed fn that the listing is
// complete. A listing cut short by its context then looks whole (a gRPC
// handler passes fn as stream.Send, and its client gets OK).

type peer struct{ addr string }

type peerTable struct {
	peers  []*peer
	closed bool
}

func (t *peerTable) ListPeers(ctx context.Context, fn func(*peer)) error {
	if t.closed {
		return errors.New("table closed")
	}
	for _, p := range t.peers {
		select {
		case <-ctx.Done():
			return nil // want `returning nil once the context is done hides the cancellation`
		default:
			fn(p)
		}
	}
	return nil
}

// A poll of the context at the top of each turn.
func (t *peerTable) ListAddrs(ctx context.Context, fn func(string) bool) error {
	if t.closed {
		return errors.New("table closed")
	}
	for _, p := range t.peers {
		if ctx.Err() != nil {
			return nil // want `returning nil once the context is done hides the cancellation`
		}
		if !fn(p.addr) {
			break
		}
	}
	return nil
}

// The loop nested under a check of an earlier step's error.
func (t *peerTable) ListStations(ctx context.Context, fn func(*peer)) error {
	err := t.load(ctx)
	if err == nil {
		for _, p := range t.peers {
			select {
			case <-ctx.Done():
				return nil // want `returning nil once the context is done hides the cancellation`
			default:
				fn(p)
			}
		}
	}
	return err
}

func (t *peerTable) load(ctx context.Context) error {
	if t.closed {
		return errors.New("table closed")
	}
	return ctx.Err()
}

// The callback is called once, after the loop: nothing was streamed when
// the context ended, and no consumer is seen.
func (t *peerTable) countPeers(ctx context.Context, fn func(int)) error {
	if t.closed {
		return errors.New("table closed")
	}
	n := 0
	for range t.peers {
		select {
		case <-ctx.Done():
			return nil
		default:
			n++
		}
	}
	fn(n)
	return nil
}

// A callback that takes a context does work under it rather than receive
// items: its own cancellation is its caller's to weigh.
func (t *peerTable) visitPeers(ctx context.Context, visit func(context.Context, *peer) error) error {
	if t.closed {
		return errors.New("table closed")
	}
	for _, p := range t.peers {
		if ctx.Err() != nil {
			return nil
		}
		if err := visit(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// A watch feeds events to its callback until it is stopped: its nil means
// stopped, whether the feed closed or the context ended.
func (t *peerTable) watchPeers(ctx context.Context, events <-chan *peer, fn func(*peer)) error {
	if t.closed {
		return errors.New("table closed")
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case p, ok := <-events:
			if !ok {
				return nil
			}
			fn(p)
		}
	}
}

func (t *peerTable) drainPeers(ctx context.Context, events <-chan *peer, fn func(*peer)) error {
	if t.closed {
		return errors.New("table closed")
	}
	for p := range events {
		if ctx.Err() != nil {
			return nil
		}
		fn(p)
	}
	return nil
}
