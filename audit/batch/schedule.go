package batch

import "container/heap"

// scheduler decides which item a worker fetches next: the first one in
// order whose host has a free slot. An item whose host already has PerHost
// fetches under way waits without holding up items for other hosts.
// Files and standard input (host "") are never held. It is used by one
// goroutine.
type scheduler struct {
	perHost int
	hosts   map[string]*hostQueue
	ready   readyHosts
	waiting int
}

// hostQueue is one host's items not yet handed out, in order.
type hostQueue struct {
	name    string
	items   []int
	busy    int  // fetches under way
	inReady bool // in the ready heap
}

func newScheduler(items []Item, perHost int) *scheduler {
	s := &scheduler{perHost: perHost, hosts: map[string]*hostQueue{}, waiting: len(items)}
	for i, it := range items {
		h := hostOf(it.Source)
		if it.Err != nil {
			h = "" // nothing to fetch
		}
		q, ok := s.hosts[h]
		if !ok {
			q = &hostQueue{name: h}
			s.hosts[h] = q
		}
		q.items = append(q.items, i)
	}
	for _, q := range s.hosts {
		s.markReady(q)
	}
	return s
}

// next is the job to hand out now, if any.
func (s *scheduler) next() (job, bool) {
	if len(s.ready) == 0 {
		return job{}, false
	}
	q := s.ready[0]
	return job{index: q.items[0], host: q.name}, true
}

// take records that next() was handed out; its host is busy until done.
func (s *scheduler) take() {
	q := heap.Pop(&s.ready).(*hostQueue)
	q.inReady = false
	q.items = q.items[1:]
	q.busy++
	s.waiting--
	s.markReady(q)
}

// done records that a fetch from host ended.
func (s *scheduler) done(host string) {
	q := s.hosts[host]
	q.busy--
	s.markReady(q)
}

// left lists the items never handed out.
func (s *scheduler) left() []int {
	var out []int
	for _, q := range s.hosts {
		out = append(out, q.items...)
	}
	return out
}

func (s *scheduler) markReady(q *hostQueue) {
	free := q.name == "" || q.busy < s.perHost
	if !q.inReady && free && len(q.items) > 0 {
		q.inReady = true
		heap.Push(&s.ready, q)
	}
}

// readyHosts is a heap of the hosts that can be fetched from now, the one
// with the earliest item first.
type readyHosts []*hostQueue

func (r readyHosts) Len() int           { return len(r) }
func (r readyHosts) Less(i, j int) bool { return r[i].items[0] < r[j].items[0] }
func (r readyHosts) Swap(i, j int)      { r[i], r[j] = r[j], r[i] }
func (r *readyHosts) Push(x any)        { *r = append(*r, x.(*hostQueue)) }
func (r *readyHosts) Pop() any {
	old := *r
	q := old[len(old)-1]
	*r = old[:len(old)-1]
	return q
}
