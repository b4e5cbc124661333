package unawaitedstrict

// Workers started with a bare go on a method of a struct built here, that
// report on a channel the struct holds: returning on the first failure
// leaves the others working, and calling back into the caller's function
// after it returned (go-zglob#23). The channel is buffered for them all,
// so they end on their own: -strict's. Where the loop's own count says
// every result came in, nothing is reported.
type walker struct {
	fn    func(string) error
	work  chan string
	done  chan struct{}
	resc  chan error
	extra int
}

func walkAll(dirs []string, fn func(string) error) error {
	w := &walker{
		fn:   fn,
		work: make(chan string),
		done: make(chan struct{}),
		resc: make(chan error, len(dirs)),
	}
	defer close(w.done)
	for range 4 {
		go w.loop()
	}
	todo, out := dirs, 0
	for {
		var work chan string
		var next string
		if len(todo) > 0 {
			work, next = w.work, todo[0]
		}
		select {
		case work <- next:
			todo = todo[1:]
			out++
		case err := <-w.resc:
			out--
			if err != nil {
				return err // want `returning here leaves goroutines that report on w.resc running; receive their results first \(no automatic fix: how many results to receive is the author's choice\)`
			}
			if out == 0 && len(todo) == 0 {
				return nil
			}
		}
	}
}

func (w *walker) loop() {
	for {
		select {
		case <-w.done:
			return
		case dir := <-w.work:
			w.resc <- w.visit(dir)
		}
	}
}

func (w *walker) visit(dir string) error {
	w.extra++
	return w.fn(dir)
}

// A worker that hands its receiver on: anyone may receive its results.
func walkHandedOn(dirs []string, fn func(string) error, register func(*walker)) error {
	w := &walker{fn: fn, work: make(chan string), done: make(chan struct{}), resc: make(chan error, 1)}
	defer close(w.done)
	go w.registered(register)
	for _, d := range dirs {
		w.work <- d
		if err := <-w.resc; err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) registered(register func(*walker)) {
	register(w)
	w.loop()
}
