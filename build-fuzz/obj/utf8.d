build-fuzz/obj/utf8.o: src/utf8.c src/utf8.h

src/utf8.h:
