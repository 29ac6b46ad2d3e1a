// Admin only: the image block of the page body (pages.blocks.AltTextImageBlock).
// Wagtail's own definition (wagtailimages/js/image-block.js) pre-fills the alt text with the chosen image's
// `default_alt_text`, which falls back to the title that Wagtail takes from the file name. Here the alt text is
// pre-filled only with a description a person wrote: when the chooser's answer gives the title, nothing is filled.
(() => {
  class AltTextImageBlockDefinition extends window.wagtailStreamField.blocks.StructBlockDefinition {
    render(placeholder, prefix, initialState, initialError) {
      const block = super.render(placeholder, prefix, initialState, initialError);
      const altTextField = document.getElementById(`${prefix}-alt_text`);
      const decorativeField = document.getElementById(`${prefix}-decorative`);

      const toggleAltText = () => {
        if (decorativeField.checked) {
          altTextField.setAttribute('disabled', 'true');
        } else {
          altTextField.removeAttribute('disabled');
        }
      };
      toggleAltText();
      decorativeField.addEventListener('change', toggleAltText);

      // The suggestion for the saved image comes from the server, already limited to a written description.
      let suggestion = initialState?.image?.default_alt_text || '';
      block.childBlocks.image.widget.addEventListener('chosen', ({ detail }) => {
        const offered = detail.default_alt_text || '';
        const written = offered && offered !== detail.title ? offered : '';
        // Replace the alt text only while it is empty or still the previous suggestion: never a person's words.
        if (altTextField.value === '' || altTextField.value === suggestion) {
          altTextField.value = written;
        }
        suggestion = written;
      });
      return block;
    }
  }

  window.telepath.register('pages.blocks.AltTextImageBlock', AltTextImageBlockDefinition);
})();
